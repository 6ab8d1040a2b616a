package io.nagare.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.rest.RestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web UI's files as the job manager serves them: each with its content type and the bytes in
 * the jar, only relative links and fetches (so YARN's web proxy can serve them under {@code
 * /proxy/<appId>/}), and a JSON 404 for anything else.
 */
class WebUiFilesTest {
  private static final List<String> SCRIPTS = List.of("app.js", "graph.js", "chart.js", "format.js");
  private static final Pattern ROOTED = Pattern.compile(
      "(?:src|href)\\s*=\\s*[\"']/|(?:fetch|api)\\(\\s*[\"'`]/|from\\s+[\"']/|url\\(\\s*[\"']?/");
  private static RestServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Map<String, RestServer.Handler> routes = new HashMap<>(WebUiFiles.routes());
    routes.put("GET /config", request -> CompletableFuture.completedFuture(Map.of("refresh-interval", 3000)));
    server = RestServer.start("127.0.0.1", "0", routes, 1 << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = WebUiFiles.class.getClassLoader().getResourceAsStream("io/nagare/web/ui/" + name)) {
      assertThat(in).as(name + " is in the jar").isNotNull();
      return in.readAllBytes();
    }
  }

  private static void assertServed(String path, String file, String contentType) throws Exception {
    HttpResponse<byte[]> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue(contentType);
    assertThat(response.body()).as(path).isEqualTo(resource(file));
  }

  @Test
  void servesEachFileOfTheUiWithItsContentType() throws Exception {
    assertServed("/", "index.html", "text/html; charset=UTF-8");
    assertServed("/index.html", "index.html", "text/html; charset=UTF-8");
    for (String script : SCRIPTS) {
      assertServed("/" + script, script, "text/javascript; charset=UTF-8");
    }
    assertServed("/style.css", "style.css", "text/css; charset=UTF-8");
    assertServed("/logo.svg", "logo.svg", "image/svg+xml");
  }

  @Test
  void theUiLinksAndFetchesOnlyRelativelyAndEveryFileItNamesIsServed() throws Exception {
    String index = new String(resource("index.html"), StandardCharsets.UTF_8);
    assertThat(ROOTED.matcher(index).find()).as("a root-relative URL in index.html").isFalse();
    for (String file : List.of("app.js", "graph.js", "chart.js", "format.js", "style.css")) {
      Matcher rooted = ROOTED.matcher(new String(resource(file), StandardCharsets.UTF_8));
      assertThat(rooted.find()).as("a root-relative URL in %s", file).isFalse();
    }
    Matcher named = Pattern.compile("(?:src|href)=\"([^\"#]+)\"").matcher(index);
    int files = 0;
    while (named.find()) {
      assertThat(get("/" + named.group(1)).statusCode()).as(named.group(1)).isEqualTo(200);
      files++;
    }
    assertThat(files).as("index.html names its icon, logo, style sheet and script").isEqualTo(4);
    for (String script : SCRIPTS) {
      Matcher imports = Pattern.compile("from '\\./([^']+)'").matcher(new String(resource(script),
          StandardCharsets.UTF_8));
      while (imports.find()) {
        assertThat(SCRIPTS).as("%s imports %s", script, imports.group(1)).contains(imports.group(1));
      }
    }
  }

  @Test
  void unknownFilesAnswer404WithAJsonErrorAndApiRoutesWin() throws Exception {
    for (String path : List.of("/missing.js", "/pom.xml", "/.hidden.css", "/..%2Fapp.js")) {
      HttpResponse<byte[]> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/json");
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).startsWith("{\"errors\":[\"Not found: ");
    }
    assertThat(new String(get("/missing.js").body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"errors\":[\"Not found: /missing.js\"]}");
    HttpResponse<byte[]> config = get("/config");
    assertThat(config.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(new String(config.body(), StandardCharsets.UTF_8)).isEqualTo("{\"refresh-interval\":3000}");
  }
}
