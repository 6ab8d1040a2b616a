package io.nagare.cluster;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.rest.RestServer;
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

  Map<String, RestServer.Handler> routes() {
    Map<String, RestServer.Handler> routes = new LinkedHashMap<>();
    routes.put("GET /overview", request -> {
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
    routes.put("GET /taskmanagers", request -> jm.taskManagers().thenApply(list -> Map.of("taskmanagers", list)));
    routes.put("GET /jobs", request -> jm.jobInfos().thenApply(list -> Map.of("jobs", list)));
    routes.put("POST /jobs", request -> jm.submit(request.body()).thenApply(id -> Map.of("jid", id)));
    routes.put("GET /jobs/:jobid", request -> jm.jobInfo(jobId(request)));
    routes.put("GET /jobs/:jobid/result", request -> jm.awaitResult(jobId(request),
        wholeNumber(request, "timeout-ms", "30000")));
    routes.put("GET /jobs/:jobid/attempts/:attempt/running", request -> {
      long timeout = wholeNumber(request, "timeout-ms", "30000");
      String attempt = request.pathParameters().get("attempt");
      if (!attempt.matches("[0-9]{1,9}")) {
        throw new RestServer.RestException(400, "The attempt is a whole number, not '" + attempt + "'");
      }
      int number = Integer.parseInt(attempt);
      return jm.awaitRunning(jobId(request), number, timeout)
          .thenApply(since -> Map.of("attempt", number, "running-since", since));
    });
    routes.put("POST /jobs/:jobid/cancel", request -> jm.cancel(jobId(request),
        wholeNumber(request, "timeout-ms", "60000")));
    RestServer.Handler shutdown = request -> {
      jm.requestShutdown("the cluster was stopped through its REST endpoint");
      return CompletableFuture.completedFuture(Map.of("stopping", true));
    };
    routes.put("DELETE /cluster", shutdown);
    routes.put("POST /cluster/shutdown", shutdown);
    routes.put("POST /jobs/:jobid/savepoints", request -> savepoint(request, false));
    routes.put("POST /jobs/:jobid/stop", request -> savepoint(request, true));
    return routes;
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
      throw new RestServer.RestException(400, "No savepoint directory: name one, or set "
          + CheckpointingOptions.SAVEPOINTS_DIRECTORY.key());
    }
    return jm.savepoint(jobId(request), directory, stop).thenApply(path -> Map.of("location", path));
  }
}
