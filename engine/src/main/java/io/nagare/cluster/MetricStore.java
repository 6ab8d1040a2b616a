package io.nagare.cluster;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The job manager's copy of its task managers' metric values, for REST. Values are fetched on
 * demand, as Flink's metric fetcher does: a REST request that needs them asks every task manager
 * ({@link ControlMessage.RequestMetrics}) unless the last fetch is younger than {@code
 * metrics.fetcher.update-interval}, and is answered when all have replied or after {@link
 * #TIMEOUT_MILLIS}. A subtask's values stay after its task manager dropped them (the job ended, the
 * task manager was lost), so a finished job still shows its final counts.
 *
 * <p>Threading: the job manager's thread only.
 */
final class MetricStore {
  /** How long a fetch waits for slow task managers before answering with what it has. */
  static final long TIMEOUT_MILLIS = 2000;

  private final Map<String, Map<String, Double>> taskManagers = new HashMap<>();
  /** Per job id, per "vertex-subtask": task metrics by name, operator metrics by "operator.name". */
  private final Map<String, Map<String, Map<String, Double>>> subtasks = new HashMap<>();
  private long request;
  private long fetchedAtMillis = Long.MIN_VALUE / 2;
  private Set<String> pending;
  private CompletableFuture<Void> fetched;

  /**
   * Fetches the values of {@code workers} unless the last fetch is younger than {@code
   * intervalMillis}; completes when they are in.
   */
  CompletableFuture<Void> fetch(Collection<WorkerPool.Worker> workers, long now, long intervalMillis,
      ScheduledExecutorService thread) {
    if (fetched != null) {
      return fetched;
    }
    if (now - fetchedAtMillis < intervalMillis || workers.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    request++;
    pending = new HashSet<>();
    fetched = new CompletableFuture<>();
    CompletableFuture<Void> result = fetched;
    byte[] message = ControlMessage.encode(new ControlMessage.RequestMetrics(request));
    for (WorkerPool.Worker w : workers) {
      pending.add(w.registration.id());
      w.channel.send(message);
    }
    fetchedAtMillis = now;
    long thisRequest = request;
    thread.schedule(() -> {
      if (request == thisRequest) {
        complete();
      }
    }, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    return result;
  }

  void onReport(ControlMessage.MetricsReport report) {
    Map<String, Double> own = new TreeMap<>();
    for (MetricSample s : report.samples()) {
      if (s.kind().equals(MetricSample.TASK_MANAGER)) {
        own.put(s.name(), s.value());
      }
    }
    onSamples(report.samples());
    taskManagers.put(report.taskManager(), own);
    if (pending != null && report.request() == request && pending.remove(report.taskManager()) && pending.isEmpty()) {
      complete();
    }
  }

  /** Takes the subtask values of {@code samples} (a report's, or a subtask's final ones). */
  void onSamples(List<MetricSample> samples) {
    for (MetricSample s : samples) {
      switch (s.kind()) {
        case MetricSample.TASK -> subtask(s).put(s.name(), s.value());
        case MetricSample.OPERATOR -> subtask(s).put(s.operator() + "." + s.name(), s.value());
        default -> { }
      }
    }
  }

  private Map<String, Double> subtask(MetricSample s) {
    return subtasks.computeIfAbsent(s.job(), j -> new HashMap<>()).computeIfAbsent(s.vertex() + "-" + s.subtask(),
        k -> new TreeMap<>());
  }

  private void complete() {
    CompletableFuture<Void> done = fetched;
    pending = null;
    fetched = null;
    done.complete(null);
  }

  /** Forgets a lost task manager's own values (its subtasks' stay). */
  void removeTaskManager(String id) {
    taskManagers.remove(id);
    if (pending != null && pending.remove(id) && pending.isEmpty()) {
      complete();
    }
  }

  /** Forgets a job's values (the job was removed). */
  void removeJob(String jobId) {
    subtasks.remove(jobId);
  }

  /** The task manager's own values (JVM and others), by name, or null if none came yet. */
  Map<String, Double> taskManager(String id) {
    return taskManagers.get(id);
  }

  /** A subtask's values by name (empty if none came): task metrics plain, operator metrics as {@code operator.name}. */
  Map<String, Double> subtask(String jobId, int vertex, int subtask) {
    return subtasks.getOrDefault(jobId, Map.of()).getOrDefault(vertex + "-" + subtask, Map.of());
  }

  /** A value as Flink's REST API writes it: a string, whole numbers without a fraction. */
  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  /** The values {@code names} of {@code all}, in request order; unknown names left out. */
  static List<Map<String, Object>> select(Map<String, Double> all, List<String> names) {
    return names.stream().filter(all::containsKey).map(n -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n);
      m.put("value", format(all.get(n)));
      return m;
    }).toList();
  }
}
