package io.nagare.cluster;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.rest.RestServer;
import io.nagare.rest.RouteTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The job manager's REST routes (docs/cluster.md lists them with their answers): each handler
 * reads its request's path, parameters and body, then asks the {@link JobManager}, whose methods
 * hand the work to its thread. Parameters that are not whole numbers are a 400 naming them.
 *
 * <p>Threading: handlers run on the REST server's threads and keep no state of their own.
 */
final class JobManagerRest {
  private final JobManager jm;
  private final Configuration conf;

  JobManagerRest(JobManager jm, Configuration conf) {
    this.jm = jm;
    this.conf = conf;
  }

  /** Every route of the job manager's REST API, with its summary (the OpenAPI description comes from them). */
  RouteTable routes() {
    RouteTable routes = new RouteTable();
    routes.add("GET /overview", "The cluster: task managers, slots, jobs by state; with await-taskmanagers=N, once N are registered", java.util.List.of("await-taskmanagers", "timeout-ms"), request -> {
      if (request.parameter("await-taskmanagers", null) == null) {
        return jm.overview();
      }
      int n = (int) wholeNumber(request, "await-taskmanagers", "0");
      long timeout = wholeNumber(request, "timeout-ms", "30000");
      return jm.awaitTaskManagers(n).orTimeout(timeout, TimeUnit.MILLISECONDS).exceptionally(e -> {
        throw new RestServer.RestException(408, "The cluster did not reach " + n + " task managers within "
            + timeout + " ms");
      });
    });
    routes.add("GET /taskmanagers", "The registered task managers", request -> jm.taskManagers().thenApply(list -> Map.of("taskmanagers", list)));
    routes.add("GET /jobs", "Every job the cluster knows", request -> jm.jobInfos().thenApply(list -> Map.of("jobs", list)));
    routes.add("POST /jobs", "Submits a job: an int length, the Java-serialised job graph, then the jar", request -> jm.submit(request.body()).thenApply(id -> Map.of("jid", id)));
    routes.add("GET /jobs/:jobid", "One job: state, times, vertices with their subtasks and network metrics", request -> jm.refreshMetrics().thenCompose(v -> jm.jobInfo(jobId(request))));
    routes.add("GET /config", "The web UI's settings: refresh interval, version, features", request -> CompletableFuture.completedFuture(Map.of("refresh-interval", 3000,
        "nagare-version", String.valueOf(JobManagerRest.class.getPackage().getImplementationVersion()),
        "features", Map.of("web-submit", false, "web-cancel", false))));
    routes.add("GET /jobmanager/config", "The job manager's configuration, secrets masked", request -> CompletableFuture.completedFuture(JobJson.entries(jm.configuration())));
    routes.add("GET /jobs/overview", "Every job the cluster knows (Flink's name)", request -> jm.refreshMetrics().thenCompose(v -> jm.jobInfos())
        .thenApply(list -> Map.of("jobs", list)));
    routes.add("GET /jobs/:jobid/plan", "The job's dataflow: vertices, their operators and inputs", request -> jm.viewJob(jobId(request), job -> JobJson.plan(job.graph)));
    routes.add("GET /jobs/:jobid/exceptions", "The root causes of the job's failures, newest first", request -> jm.viewJob(jobId(request), job -> JobViews.exceptions(job.client)));
    routes.add("GET /jobs/:jobid/config", "The job's configuration, secrets masked", request -> jm.viewJob(jobId(request), job -> JobJson.config(job.graph)));
    routes.add("GET /jobs/:jobid/vertices/:vertexid", "One vertex with its subtasks and their metrics", request -> {
      int vertex = (int) wholeNumber(request.pathParameters().get("vertexid"), "the vertex id");
      return jm.refreshMetrics().thenCompose(v -> vertex(jobId(request), vertex));
    });
    routes.add("GET /jobs/:jobid/vertices/:vertexid/backpressure", "The vertex's back-pressure level and each subtask's busy, idle and back-pressured shares", request -> {
      int vertex = (int) wholeNumber(request.pathParameters().get("vertexid"), "the vertex id");
      CompletableFuture<ClusterInfo.VertexInfo> info = jm.refreshMetrics().thenCompose(v -> vertex(jobId(request), vertex));
      return info.thenApply(JobManagerRest::backPressure);
    });
    routes.add("GET /taskmanagers/:tmid", "One task manager: slots, heartbeat, reporters, JVM metrics", request -> jm.refreshMetrics().thenCompose(v ->
        taskManager(request.pathParameters().get("tmid"))));
    routes.add("GET /jobs/:jobid/checkpoints", "Checkpoint counts, summary, latest and history", request -> jm.viewJob(jobId(request), job -> JobViews.checkpoints(job.client)));
    routes.add("GET /jobs/:jobid/checkpoints/config", "The job's checkpointing settings", request -> jm.viewJob(jobId(request), job -> CheckpointsJson.config(job.graph.configuration())));
    routes.add("GET /jobs/:jobid/metrics", "The job's own metrics while it runs; get=a,b selects", java.util.List.of("get"), request -> jm.viewJob(jobId(request), job -> JobViews.jobMetrics(jm.metrics(), job.graph.jobId())).thenApply(all ->
        metrics(request, all)));
    routes.add("GET /jobs/:jobid/vertices/:vertexid/metrics", "A vertex's metrics as <subtask>.<metric> and <subtask>.<operator>.<metric>; get=a,b selects", java.util.List.of("get"), request -> {
      int vertex = (int) wholeNumber(request.pathParameters().get("vertexid"), "the vertex id");
      return jm.refreshMetrics().thenCompose(v -> jm.viewJob(jobId(request), job -> JobViews.vertexMetrics(jm.metricStore(), job.graph, vertex)))
          .thenApply(all -> metrics(request, all));
    });
    routes.add("GET /taskmanagers/:tmid/metrics", "A task manager's own metrics; get=a,b selects", java.util.List.of("get"), request -> jm.refreshMetrics().thenCompose(v ->
        taskManagerMetrics(request.pathParameters().get("tmid"))).thenApply(all -> metrics(request, all)));
    routes.add("GET /jobs/:jobid/result", "Once the job has ended: its final state, runtime, restarts and accumulators", java.util.List.of("timeout-ms"), request -> jm.awaitResult(jobId(request),
        wholeNumber(request, "timeout-ms", "30000")));
    routes.add("GET /jobs/:jobid/attempts/:attempt/running", "Once every subtask of the attempt runs", java.util.List.of("timeout-ms"), request -> {
      long timeout = wholeNumber(request, "timeout-ms", "30000");
      String attempt = request.pathParameters().get("attempt");
      if (!attempt.matches("[0-9]{1,9}")) {
        throw new RestServer.RestException(400, "The attempt is a whole number, not '" + attempt + "'");
      }
      int number = Integer.parseInt(attempt);
      return jm.awaitRunning(jobId(request), number, timeout)
          .thenApply(since -> Map.of("attempt", number, "running-since", since));
    });
    routes.add("POST /jobs/:jobid/cancel", "Cancels the job; answers once it has ended", java.util.List.of("timeout-ms"), request -> jm.cancel(jobId(request),
        wholeNumber(request, "timeout-ms", "60000")));
    RestServer.Handler shutdown = request -> {
      jm.requestShutdown("the cluster was stopped through its REST endpoint");
      return CompletableFuture.completedFuture(Map.of("stopping", true));
    };
    routes.add("DELETE /cluster", "Stops the cluster", shutdown);
    routes.add("POST /cluster/shutdown", "Stops the cluster (the form clients send)", shutdown);
    routes.add("POST /jobs/:jobid/savepoints", "Takes a savepoint into the body's target-directory", request -> savepoint(request, false));
    routes.add("POST /jobs/:jobid/stop", "Takes a savepoint, then stops the job", request -> savepoint(request, true));
    io.nagare.web.WebUiFiles.routes().forEach((route, handler) -> routes.add(route, "The web UI's files ("
        + (route.endsWith(":file") ? "index.html, scripts, styles" : "its page") + ")", handler));
    return routes;
  }

  /**
   * Flink's metric answer: with {@code ?get=a,b} the values of those (as strings; unknown names left
   * out), without it the names there are.
   */
  private static java.util.List<Map<String, Object>> metrics(RestServer.Request request, Map<String, Double> all) {
    String get = request.parameter("get", null);
    if (get == null) {
      return all.keySet().stream().map(n -> Map.<String, Object>of("id", n)).toList();
    }
    return MetricStore.select(all, java.util.Arrays.stream(get.split(",")).map(String::trim).toList());
  }

  /** A vertex with its subtasks and their metrics, as {@code /jobs/<id>/vertices/<vid>} shows it. */
  private CompletableFuture<ClusterInfo.VertexInfo> vertex(String jobId, int vertex) {
    return jm.viewJob(jobId, job -> job.info(jm.metricStore()).vertices().stream().filter(v -> v.id() == vertex)
        .findFirst().orElseThrow(() -> new RestServer.RestException(404, "Job " + jobId + " has no vertex " + vertex)));
  }

  /** Task manager {@code id} with its resources and JVM figures; 404 if unknown. */
  private CompletableFuture<Map<String, Object>> taskManager(String id) {
    return jm.onThread(() -> jm.taskManagerInfos().stream().filter(info -> info.id().equals(id)).findFirst()
        .map(info -> JobViews.taskManager(info, jm.now(), jm.metricStore().taskManager(id)))
        .orElseThrow(() -> new RestServer.RestException(404, "No task manager " + id)));
  }

  /** Task manager {@code id}'s own metric values by name; 404 if it has not reported. */
  private CompletableFuture<Map<String, Double>> taskManagerMetrics(String id) {
    return jm.onThread(() -> {
      Map<String, Double> values = jm.metricStore().taskManager(id);
      if (values == null) {
        throw new RestServer.RestException(404, "No task manager " + id);
      }
      return values;
    });
  }

  /**
   * Flink's back-pressure answer: the vertex's level and each subtask's share of time
   * back-pressured (0 to 1), busy and idle, measured by the subtasks themselves (no sampling).
   */
  static Map<String, Object> backPressure(ClusterInfo.VertexInfo v) {
    java.util.List<Map<String, Object>> subtasks = new java.util.ArrayList<>();
    for (ClusterInfo.SubtaskInfo s : v.subtasks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("subtask", s.subtask());
      m.put("backpressure-level", s.metrics().backPressureLevel());
      m.put("ratio", s.metrics().backPressuredTimeMsPerSecond() / 1000);
      m.put("busyRatio", s.metrics().busyTimeMsPerSecond() / 1000);
      m.put("idleRatio", s.metrics().idleTimeMsPerSecond() / 1000);
      subtasks.add(m);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", "ok");
    json.put("backpressure-level", v.backPressureLevel());
    json.put("end-timestamp", System.currentTimeMillis());
    json.put("subtasks", subtasks);
    return json;
  }

  private static long wholeNumber(String value, String what) {
    if (!value.matches("[0-9]{1,9}")) {
      throw new RestServer.RestException(400, what + " is a whole number, not '" + value + "'");
    }
    return Long.parseLong(value);
  }

  private static String jobId(RestServer.Request request) {
    return request.pathParameters().get("jobid");
  }

  private static long wholeNumber(RestServer.Request request, String name, String otherwise) {
    try {
      return Long.parseLong(request.parameter(name, otherwise));
    } catch (NumberFormatException e) {
      throw new RestServer.RestException(400, name + " takes a whole number, not '" + request.parameter(name, "")
          + "'");
    }
  }

  /** Takes a savepoint (and with {@code stop}, stops the job) into the body's {@code target-directory}, else the default. */
  private CompletableFuture<Map<String, String>> savepoint(RestServer.Request request, boolean stop) {
    String directory;
    try {
      Map<?, ?> body = request.body().length == 0 ? Map.of() : ControlMessage.Json.MAPPER.readValue(request.body(),
          Map.class);
      Object target = body.get("target-directory");
      directory = target != null ? target.toString() : conf.get(CheckpointingOptions.SAVEPOINTS_DIRECTORY);
    } catch (java.io.IOException e) {
      throw new RestServer.RestException(400, "The body must be JSON like {\"target-directory\": \"hdfs:///...\"}: "
          + e.getMessage());
    }
    if (directory.isEmpty()) {
      return jm.jobInfo(jobId(request)).thenApply(known -> {
        throw new RestServer.RestException(400, "No savepoint directory: name one, or set "
            + CheckpointingOptions.SAVEPOINTS_DIRECTORY.key());
      });
    }
    return jm.savepoint(jobId(request), directory, stop).thenApply(path -> Map.of("location", path));
  }
}
