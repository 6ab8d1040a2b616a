package io.nagare.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.HistoryServerOptions;
import io.nagare.fs.HadoopFileSystems;
import io.nagare.rest.RestServer;
import io.nagare.web.WebUiFiles;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows ended jobs from their archives ({@link JobArchive}) through the same web UI and REST paths
 * as a job manager, read-only: {@code /jobs/overview} lists every archived job, and {@code
 * /jobs/<id>/…} answers what the job manager answered when the job ended.
 *
 * <p>Threading: {@code nagare-history} looks for new archives every refresh interval and replaces
 * the immutable snapshot the REST threads read (a volatile reference).
 */
public final class HistoryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json; charset=UTF-8";

  private final List<String> directories;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "nagare-history");
    t.setDaemon(true);
    return t;
  });
  /** Archived answers by job id; replaced whole by the refresh thread. */
  private volatile Map<String, JobArchive> archives = Map.of();
  private RestServer rest;

  private HistoryServer(List<String> directories) {
    this.directories = directories;
  }

  /**
   * Starts serving the archives in {@code historyserver.archive.fs.dir} on {@code
   * historyserver.web.port}; the first look at the directories is done when this returns.
   *
   * @throws IllegalArgumentException if no archive directory is configured
   * @throws BindException naming the setting if the port is taken
   */
  public static HistoryServer start(Configuration conf) throws BindException, InterruptedException {
    List<String> dirs = new ArrayList<>();
    for (String d : conf.get(HistoryServerOptions.ARCHIVE_DIRECTORIES).split(",")) {
      if (!d.isBlank()) {
        dirs.add(d.trim());
      }
    }
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException("The history server needs " + HistoryServerOptions.ARCHIVE_DIRECTORIES.key()
          + ": the directories job managers archive ended jobs to (" + HistoryServerOptions
          .JOB_MANAGER_ARCHIVE_DIRECTORY.key() + ")");
    }
    HistoryServer server = new HistoryServer(dirs);
    server.refresh();
    String address = conf.get(HistoryServerOptions.WEB_ADDRESS);
    server.rest = RestServer.start(address.isEmpty() ? "0.0.0.0" : address, conf.get(HistoryServerOptions.WEB_PORT),
        server.routes(), 64 * 1024, io.nagare.security.tls.TlsContexts.restServer(conf));
    long every = conf.get(HistoryServerOptions.REFRESH_INTERVAL).toMillis();
    server.thread.scheduleWithFixedDelay(server::refresh, every, every, TimeUnit.MILLISECONDS);
    LOG.info("History server up on port {}, showing the archives in {}", server.rest.port(), dirs);
    return server;
  }

  public int port() {
    return rest.port();
  }

  /** Reads archives that are new since the last look; a broken one is logged and skipped. */
  private void refresh() {
    Map<String, JobArchive> known = new HashMap<>(archives);
    for (String d : directories) {
      Path dir = new Path(d);
      try {
        FileSystem fs = HadoopFileSystems.of(dir);
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus f : fs.listStatus(dir)) {
          String name = f.getPath().getName();
          if (f.isFile() && !name.startsWith(".") && !known.containsKey(name)) {
            try {
              known.put(name, JobArchive.read(fs, f.getPath()));
            } catch (IOException e) {
              LOG.warn("Skipping archive {}: {}", f.getPath(), e.getMessage());
            }
          }
        }
      } catch (IOException e) {
        LOG.warn("Cannot list the archive directory {}: {}", dir, e.getMessage());
      }
    }
    archives = Map.copyOf(known);
  }

  private Map<String, RestServer.Handler> routes() {
    Map<String, RestServer.Handler> routes = new LinkedHashMap<>();
    routes.put("GET /config", request -> json(Map.of("refresh-interval", 10_000, "features",
        Map.of("web-submit", false, "web-cancel", false), "history-server", true)));
    RestServer.Handler overview = request -> json(Map.of("jobs", jobs()));
    routes.put("GET /jobs/overview", overview);
    routes.put("GET /jobs", overview);
    routes.put("GET /overview", request -> json(Map.of("taskmanagers", 0, "slots-total", 0, "slots-available", 0,
        "jobs-archived", archives.size())));
    routes.put("GET /taskmanagers", request -> json(Map.of("taskmanagers", List.of())));
    routes.put("GET /jobs/:jobid", request -> archived(request.pathParameters().get("jobid"), ""));
    routes.put("GET /jobs/:jobid/:a", request -> archived(request.pathParameters().get("jobid"),
        "/" + request.pathParameters().get("a")));
    routes.put("GET /jobs/:jobid/:a/:b", request -> archived(request.pathParameters().get("jobid"),
        "/" + request.pathParameters().get("a") + "/" + request.pathParameters().get("b")));
    routes.put("GET /jobs/:jobid/:a/:b/:c", request -> archived(request.pathParameters().get("jobid"),
        "/" + request.pathParameters().get("a") + "/" + request.pathParameters().get("b") + "/"
            + request.pathParameters().get("c")));
    routes.putAll(WebUiFiles.routes());
    return routes;
  }

  private List<JsonNode> jobs() {
    List<JsonNode> jobs = new ArrayList<>();
    for (JobArchive a : archives.values()) {
      String job = a.answers().get("/jobs/" + a.jobId());
      if (job != null) {
        try {
          jobs.add(JSON.readTree(job));
        } catch (IOException e) {
          throw new RestServer.RestException(500, "The archive of job " + a.jobId() + " is not JSON: "
              + e.getMessage());
        }
      }
    }
    jobs.sort((x, y) -> Long.compare(y.path("end-time").asLong(), x.path("end-time").asLong()));
    return jobs;
  }

  private CompletableFuture<RestServer.Content> archived(String jobId, String rest) {
    JobArchive archive = archives.get(jobId);
    if (archive == null) {
      throw new RestServer.RestException(404, "No archived job " + jobId);
    }
    String path = "/jobs/" + jobId + rest;
    String json = archive.answers().get(path);
    if (json == null) {
      throw new RestServer.RestException(404, "The archive of job " + jobId + " has no " + path);
    }
    return CompletableFuture.completedFuture(new RestServer.Content(JSON_TYPE, json.getBytes(StandardCharsets.UTF_8)));
  }

  private static CompletableFuture<Object> json(Object body) {
    return CompletableFuture.completedFuture(body);
  }

  @Override
  public void close() {
    thread.shutdownNow();
    if (rest != null) {
      rest.close();
    }
  }
}
