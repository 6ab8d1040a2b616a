package io.nagare.cluster;

import io.nagare.metrics.MetricRegistry;
import io.nagare.metrics.RegisteredMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * One numeric metric value of a task manager, as it travels to the job manager for REST: the
 * task manager's own ({@code kind} {@code taskmanager}, e.g. {@code Status.JVM.Memory.Heap.Used}),
 * a subtask's ({@code task}: {@code job}, {@code vertex}, {@code subtask}) or one of its
 * operators' ({@code operator}, also {@code operator}). Names below the standard scopes keep their
 * groups ({@code KafkaSourceReader.topic.partition.lag}); counters give their count, meters their
 * rate, gauges their number.
 */
record MetricSample(String kind, String job, int vertex, int subtask, String operator, String name, double value) {
  static final String TASK_MANAGER = "taskmanager";
  static final String TASK = "task";
  static final String OPERATOR = "operator";

  /** The numeric metrics of {@code registry}'s task manager scopes, read now. Any thread. */
  static List<MetricSample> of(MetricRegistry registry) {
    List<MetricSample> samples = new ArrayList<>();
    for (RegisteredMetric m : registry.snapshot().values()) {
      Double value = m.numericValue();
      String scope = m.logicalScope();
      if (value == null || !scope.startsWith(TASK_MANAGER)) {
        continue;
      }
      if (scope.startsWith("taskmanager.job.task.operator")) {
        samples.add(new MetricSample(OPERATOR, m.variables().get("job_id"), vertex(m), subtask(m),
            m.variables().get("operator_name"), relative(scope, "taskmanager.job.task.operator", m.name()), value));
      } else if (scope.startsWith("taskmanager.job.task")) {
        samples.add(new MetricSample(TASK, m.variables().get("job_id"), vertex(m), subtask(m), null,
            relative(scope, "taskmanager.job.task", m.name()), value));
      } else if (!scope.startsWith("taskmanager.job")) {
        samples.add(new MetricSample(TASK_MANAGER, null, -1, -1, null, relative(scope, TASK_MANAGER, m.name()),
            value));
      }
    }
    return samples;
  }

  /** The values of one subtask's task and operator metrics, read now (as it ends). Any thread. */
  static List<MetricSample> ofSubtask(MetricRegistry registry, String job, int vertex, int subtask) {
    return of(registry).stream().filter(s -> !s.kind().equals(TASK_MANAGER) && s.job().equals(job)
        && s.vertex() == vertex && s.subtask() == subtask).toList();
  }

  private static int vertex(RegisteredMetric m) {
    return Integer.parseInt(m.variables().get("task_id"));
  }

  private static int subtask(RegisteredMetric m) {
    return Integer.parseInt(m.variables().get("subtask_index"));
  }

  private static String relative(String scope, String base, String name) {
    return scope.length() == base.length() ? name : scope.substring(base.length() + 1) + "." + name;
  }
}
