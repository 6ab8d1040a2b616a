package io.nagare.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REST API's routes, each with a one-line summary, from which both the server's handlers and the
 * API's OpenAPI description ({@link #openApi}) come, so the published description cannot drift
 * from the code. Built once on one thread, then read-only.
 */
public final class RouteTable {
  private static final Pattern PARAMETER = Pattern.compile(":([a-z]+)");
  /** The OpenAPI name of the cluster secret's security scheme. */
  private static final String SECURITY_SCHEME = "clusterSecret";

  private record Route(String summary, RestServer.Handler handler, List<String> query) {}

  private final Map<String, Route> routes = new LinkedHashMap<>();

  /**
   * Adds route {@code methodAndPath} ({@code "GET /jobs/:jobid"}), described by {@code summary},
   * answering through {@code handler}; {@code query} names its query parameters.
   */
  public RouteTable add(String methodAndPath, String summary, List<String> query, RestServer.Handler handler) {
    if (routes.put(methodAndPath, new Route(summary, handler, List.copyOf(query))) != null) {
      throw new IllegalArgumentException("Route " + methodAndPath + " is declared twice");
    }
    return this;
  }

  /** Adds a route without query parameters. */
  public RouteTable add(String methodAndPath, String summary, RestServer.Handler handler) {
    return add(methodAndPath, summary, List.of(), handler);
  }

  /** The handlers by route, for {@link RestServer#start}. */
  public Map<String, RestServer.Handler> handlers() {
    Map<String, RestServer.Handler> handlers = new LinkedHashMap<>();
    routes.forEach((k, r) -> handlers.put(k, r.handler()));
    return Collections.unmodifiableMap(handlers);
  }

  /**
   * An OpenAPI 3.0 description of the routes (paths in OpenAPI's {@code {name}} form, path and query
   * parameters, a JSON answer and Flink-style JSON errors, and the cluster secret that routes
   * changing anything require, {@link RestAccess}), as nested maps for a YAML or JSON writer.
   */
  public Map<String, Object> openApi(String title, String version, String description) {
    Map<String, Object> paths = new TreeMap<>();
    routes.forEach((key, route) -> {
      int space = key.indexOf(' ');
      String method = key.substring(0, space).toLowerCase(java.util.Locale.ROOT);
      String path = key.substring(space + 1);
      List<Object> parameters = new ArrayList<>();
      Matcher m = PARAMETER.matcher(path);
      while (m.find()) {
        parameters.add(parameter(m.group(1), "path", true));
      }
      for (String q : route.query()) {
        parameters.add(parameter(q, "query", false));
      }
      Map<String, Object> operation = new LinkedHashMap<>();
      operation.put("summary", route.summary());
      if (!parameters.isEmpty()) {
        operation.put("parameters", parameters);
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      responses.put("200", Map.of("description", "The answer, JSON"));
      if (!method.equals("get")) {
        operation.put("security", List.of(Map.of(SECURITY_SCHEME, List.of())));
        responses.put("401", Map.of("description", "Without the cluster secret, or with a wrong one: nothing"
            + " changed"));
      }
      responses.put("default", Map.of("description", "An error: {\"errors\": [\"message\"]} with a 4xx or 5xx status"));
      operation.put("responses", responses);
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(PARAMETER.matcher(path)
          .replaceAll("{$1}"), p -> new TreeMap<>());
      item.put(method, operation);
    });
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("title", title);
    info.put("version", version);
    info.put("description", description);
    Map<String, Object> api = new LinkedHashMap<>();
    api.put("openapi", "3.0.3");
    api.put("info", info);
    api.put("paths", paths);
    Map<String, Object> scheme = new LinkedHashMap<>();
    scheme.put("type", "http");
    scheme.put("scheme", "bearer");
    scheme.put("description", "The cluster secret (hex, as in the file cluster.secret-file names) as '"
        + RestAccess.HEADER + ": " + RestAccess.SCHEME + " <secret>'. Routes that change anything require it; read"
        + " routes too with rest.authentication.read-only-routes: secret. On YARN, requests without it are answered"
        + " only from the ResourceManager's web proxy (web.proxy-only).");
    api.put("components", Map.of("securitySchemes", Map.of(SECURITY_SCHEME, scheme)));
    return api;
  }

  private static Map<String, Object> parameter(String name, String in, boolean required) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("in", in);
    p.put("required", required);
    p.put("schema", Map.of("type", "string"));
    return p;
  }
}
