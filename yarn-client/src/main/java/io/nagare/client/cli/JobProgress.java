package io.nagare.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.cluster.RestClusterClient;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows an attached job's progress while {@code nagare run} waits for it: its state and running
 * time, the records per second its sources emit into the network and its last vertices take from
 * it, and its latest checkpoint, read from the job manager's REST API every interval. On a
 * terminal it rewrites one line; otherwise it writes a line each time (for logs).
 *
 * <p>Threading: its own daemon thread {@code nagare-progress} asks REST, keeps the plan and
 * writes; {@link #close()} stops it from the waiting thread and ends the line.
 */
final class JobProgress implements AutoCloseable {
  private final RestClusterClient client;
  private final String jobId;
  private final PrintStream err;
  private final boolean terminal;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "nagare-progress");
    t.setDaemon(true);
    return t;
  });
  private boolean reportedFailure;
  private int lastLength;
  /** The job's plan, read at the first report (it does not change while the job runs). */
  private JsonNode plan;

  private JobProgress(RestClusterClient client, String jobId, PrintStream err, boolean terminal) {
    this.client = client;
    this.jobId = jobId;
    this.err = err;
    this.terminal = terminal;
  }

  /** Starts showing job {@code jobId}'s progress every {@code interval} (none if it is zero). */
  static JobProgress start(RestClusterClient client, String jobId, PrintStream err, boolean terminal,
      Duration interval) {
    JobProgress progress = new JobProgress(client, jobId, err, terminal);
    if (!interval.isZero()) {
      progress.thread.scheduleWithFixedDelay(progress::report, interval.toMillis(), interval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return progress;
  }

  private void report() {
    String line;
    try {
      if (plan == null) {
        plan = client.get("/jobs/" + jobId + "/plan");
      }
      line = line(client.get("/jobs/" + jobId), plan, client.get("/jobs/" + jobId + "/checkpoints"));
    } catch (IOException e) {
      if (!reportedFailure) {
        reportedFailure = true;
        err.println("(the job's progress cannot be read: " + e.getMessage() + ")");
      }
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (terminal) {
      err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
      err.flush();
    } else {
      err.println(line);
    }
  }

  /**
   * One progress line, e.g. {@code Job 'wc' RUNNING 0:01:05 | in 1,200 rec/s | out 1,150 rec/s |
   * checkpoint 7: 120 ms, 1.5 KB (0 failed)}, from the answers of {@code /jobs/<id>}, {@code
   * /jobs/<id>/plan} and {@code /jobs/<id>/checkpoints}.
   */
  static String line(JsonNode job, JsonNode plan, JsonNode checkpoints) {
    Set<Integer> upstream = new HashSet<>();
    Set<Integer> sources = new HashSet<>();
    for (JsonNode node : plan.get("plan").get("nodes")) {
      if (node.get("inputs").isEmpty()) {
        sources.add(node.get("id").asInt());
      }
      node.get("inputs").forEach(i -> upstream.add(i.get("id").asInt()));
    }
    double in = 0;
    double out = 0;
    for (JsonNode v : job.get("vertices")) {
      int id = v.get("id").asInt();
      if (sources.contains(id)) {
        in += v.get("metrics").get("write-records-per-second").asDouble();
      }
      if (!upstream.contains(id) && !sources.contains(id)) {
        out += v.get("metrics").get("read-records-per-second").asDouble();
      }
    }
    long seconds = job.get("duration").asLong() / 1000;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Job '%s' %s %d:%02d:%02d | in %,.0f rec/s | out"
        + " %,.0f rec/s", job.get("name").asText(), job.get("state").asText(), seconds / 3600, seconds / 60 % 60,
        seconds % 60, in, out));
    JsonNode latest = checkpoints.get("latest").get("completed");
    if (latest != null && !latest.isNull()) {
      line.append(String.format(Locale.ROOT, " | checkpoint %d: %d ms, %s (%d failed)", latest.get("id").asLong(),
          latest.get("end_to_end_duration").asLong(), bytes(latest.get("state_size").asLong()),
          checkpoints.get("counts").get("failed").asInt()));
    }
    return line.toString();
  }

  private static String bytes(long n) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal && lastLength > 0) {
      err.println();
    }
  }
}
