package io.nagare.cluster;

import io.nagare.metrics.MetricRegistry;
import io.nagare.metrics.RegisteredMetric;
import io.nagare.plan.JobGraph;
import io.nagare.rest.RestServer;
import io.nagare.runtime.checkpoint.CheckpointStatsTracker;
import io.nagare.runtime.executor.JobRunClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read-only views of a job and a task manager that REST answers and a job's archive keeps,
 * built from what the job manager holds (a job's graph and run, the metric store and registry).
 * Stateless; called on the job manager's thread, which owns what they read.
 */
final class JobViews {
  private JobViews() {}

  /** The job's checkpoint statistics ({@code /jobs/<id>/checkpoints}); none before its run started. */
  static Map<String, Object> checkpoints(JobRunClient client) {
    return CheckpointsJson.of(client == null ? new CheckpointStatsTracker().snapshot()
        : client.run().checkpointHistory().tracker().snapshot());
  }

  /** The root causes of the job's failures ({@code /jobs/<id>/exceptions}). */
  static Map<String, Object> exceptions(JobRunClient client) {
    return JobJson.exceptions(client == null ? List.of() : client.run().exceptions().entries());
  }

  /** The job manager's own metrics of job {@code jobId} while it runs, by name. */
  static Map<String, Double> jobMetrics(MetricRegistry metrics, String jobId) {
    Map<String, Double> values = new TreeMap<>();
    for (RegisteredMetric m : metrics.snapshot().values()) {
      Double v = m.numericValue();
      if (v != null && m.logicalScope().equals("jobmanager.job") && jobId.equals(m.variables().get("job_id"))) {
        values.put(m.name(), v);
      }
    }
    return values;
  }

  /**
   * A vertex's metric values by Flink's names, {@code <subtask>.<name>} and {@code
   * <subtask>.<operator>.<name>}; 404 for a vertex the job does not have.
   */
  static Map<String, Double> vertexMetrics(MetricStore store, JobGraph graph, int vertex) {
    if (vertex < 0 || vertex >= graph.vertices().size()) {
      throw new RestServer.RestException(404, "Job " + graph.jobId() + " has no vertex " + vertex);
    }
    Map<String, Double> values = new TreeMap<>();
    for (int i = 0; i < graph.vertices().get(vertex).parallelism(); i++) {
      int subtask = i;
      store.subtask(graph.jobId(), vertex, i).forEach((n, v) -> values.put(subtask + "." + n, v));
    }
    return values;
  }

  /** A task manager with its resources, heartbeat age and own metrics ({@code /taskmanagers/<id>}). */
  static Map<String, Object> taskManager(ClusterInfo.TaskManagerInfo info, long now, Map<String, Double> metrics) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", info.id());
    json.put("host", info.host());
    json.put("dataPort", info.dataPort());
    json.put("slots", info.slots());
    json.put("freeSlots", info.freeSlots());
    json.put("pid", info.pid());
    json.put("timeSinceLastHeartbeat", now - info.lastHeartbeat());
    json.put("metric-reporters", info.metricReporters());
    json.put("log-url", info.logUrl());
    json.put("metrics", metrics == null ? Map.of() : metrics);
    return json;
  }

  /** An ended job's REST answers by path, for its archive. */
  static Map<String, Object> archive(JobGraph graph, JobRunClient client, ClusterInfo.JobInfo info) {
    String base = "/jobs/" + graph.jobId();
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put(base, info);
    answers.put(base + "/plan", JobJson.plan(graph));
    answers.put(base + "/config", JobJson.config(graph));
    answers.put(base + "/exceptions", exceptions(client));
    answers.put(base + "/checkpoints", checkpoints(client));
    answers.put(base + "/checkpoints/config", CheckpointsJson.config(graph.configuration()));
    for (ClusterInfo.VertexInfo v : info.vertices()) {
      answers.put(base + "/vertices/" + v.id(), v);
      answers.put(base + "/vertices/" + v.id() + "/backpressure", JobManagerRest.backPressure(v));
    }
    return answers;
  }

  /**
   * What {@code /jobs/<id>/result} shows of an ended job: its state, runtime, restarts and
   * accumulators, with each accumulator's Java type ({@code accumulator-types}: Long, Integer,
   * Double, ...), so a client gets back the type the job's code made.
   */
  static Map<String, Object> result(ClusterJob job, MetricStore metricStore) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("job", job.info(metricStore));
    if (job.result != null) {
      answer.put("net-runtime", job.result.getNetRuntime().toMillis());
      answer.put("restarts", job.result.getRestarts());
      Map<String, Object> accumulators = new LinkedHashMap<>();
      Map<String, String> types = new LinkedHashMap<>();
      job.result.getAllAccumulatorResults().forEach((name, value) -> {
        boolean plain = value instanceof Number || value instanceof Boolean || value instanceof String;
        accumulators.put(name, plain ? value : String.valueOf(value));
        types.put(name, plain ? value.getClass().getSimpleName() : "String");
      });
      answer.put("accumulators", accumulators);
      answer.put("accumulator-types", types);
    }
    return answer;
  }
}
