package io.nagare.web;

import io.nagare.rest.RestServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Serves the web UI: static files kept in the engine's jar under {@code io/nagare/web/ui/}, at the
 * job manager's root ({@code /} is {@code index.html}). The UI links and fetches only relatively
 * ({@code jobs/overview}, never {@code /jobs/overview}), so it works unchanged behind YARN's web
 * proxy at {@code /proxy/<appId>/}. Stateless; runs on the REST threads.
 */
public final class WebUiFiles {
  private static final String ROOT = "io/nagare/web/ui/";
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=UTF-8", "js",
      "text/javascript; charset=UTF-8", "css", "text/css; charset=UTF-8", "svg", "image/svg+xml", "png", "image/png",
      "ico", "image/x-icon");

  private WebUiFiles() {}

  /** The routes {@code GET /} and {@code GET /:file}; API routes with literal paths take precedence. */
  public static Map<String, RestServer.Handler> routes() {
    return Map.of("GET /", request -> file("index.html"), "GET /:file", request -> file(request.pathParameters()
        .get("file")));
  }

  private static CompletableFuture<RestServer.Content> file(String name) {
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    if (type == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
      throw new RestServer.RestException(404, "Not found: /" + name);
    }
    try (InputStream in = WebUiFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new RestServer.RestException(404, "Not found: /" + name);
      }
      return CompletableFuture.completedFuture(new RestServer.Content(type, in.readAllBytes()));
    } catch (IOException e) {
      throw new RestServer.RestException(500, "Cannot read the web UI's " + name + ": " + e.getMessage());
    }
  }
}
