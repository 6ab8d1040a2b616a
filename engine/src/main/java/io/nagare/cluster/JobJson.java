package io.nagare.cluster;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SensitiveSettings;
import io.nagare.plan.JobEdge;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import io.nagare.runtime.executor.ExceptionHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of a job's plan, exceptions and configuration, and of configurations in general, with
 * Flink's keys where Flink has the route. Secrets are masked by key, as Flink masks them. Stateless.
 */
final class JobJson {
  private JobJson() {}

  /** What replaces the value of a sensitive key. */
  static final String MASK = SensitiveSettings.MASK;

  /** Whether {@code key}'s value is a secret that REST, logs and the UI never show. */
  static boolean isSensitive(String key) {
    return SensitiveSettings.isSensitive(key);
  }

  /** {@code conf} as {@code [{"key", "value"}]}, sorted, secrets masked. */
  static List<Map<String, String>> entries(Configuration conf) {
    List<Map<String, String>> list = new ArrayList<>();
    new TreeMap<>(conf.toMap()).forEach((k, v) -> {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("key", k);
      entry.put("value", isSensitive(k) ? MASK : v);
      list.add(entry);
    });
    return list;
  }

  /** The dataflow: {@code {"plan": {"jid", "name", "nodes": [{"id", "description", "parallelism", "operators", "inputs"}]}}}. */
  static Map<String, Object> plan(JobGraph graph) {
    List<Object> nodes = new ArrayList<>();
    for (JobVertex v : graph.vertices()) {
      List<Object> inputs = new ArrayList<>();
      for (int e : v.inputEdges()) {
        JobEdge edge = graph.edge(e);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("num", edge.targetInput());
        input.put("id", edge.sourceVertex());
        input.put("ship_strategy", edge.partitioner().name());
        inputs.add(input);
      }
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("id", v.id());
      node.put("description", v.name());
      node.put("parallelism", v.parallelism());
      node.put("max_parallelism", v.maxParallelism());
      node.put("operators", v.operators().stream().map(o -> o.name()).toList());
      node.put("inputs", inputs);
      nodes.add(node);
    }
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("jid", graph.jobId());
    plan.put("name", graph.jobName());
    plan.put("nodes", nodes);
    return Map.of("plan", plan);
  }

  /** {@code {"root-exception", "timestamp", "exceptionHistory": {"entries": [...]}}}, newest first. */
  static Map<String, Object> exceptions(List<ExceptionHistory.Entry> entries) {
    List<Object> list = new ArrayList<>();
    for (ExceptionHistory.Entry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("exceptionName", e.exceptionName());
      m.put("message", e.message());
      m.put("stacktrace", e.stackTrace());
      m.put("timestamp", e.timestamp());
      m.put("taskName", e.taskName());
      m.put("location", e.location());
      list.add(m);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("root-exception", entries.isEmpty() ? null : entries.get(0).stackTrace());
    json.put("timestamp", entries.isEmpty() ? null : entries.get(0).timestamp());
    json.put("exceptionHistory", Map.of("entries", list));
    return json;
  }

  /** {@code {"jid", "name", "execution-config": {"job-parallelism", "user-config": {...}}}}, secrets masked. */
  static Map<String, Object> config(JobGraph graph) {
    Map<String, String> settings = new TreeMap<>();
    graph.configuration().toMap().forEach((k, v) -> settings.put(k, isSensitive(k) ? MASK : v));
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("job-parallelism", graph.vertices().stream().mapToInt(JobVertex::parallelism).max().orElse(1));
    execution.put("user-config", settings);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("jid", graph.jobId());
    json.put("name", graph.jobName());
    json.put("execution-config", execution);
    return json;
  }
}
