package io.nagare.metrics;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.Meter;
import io.nagare.api.metrics.Metric;
import io.nagare.api.metrics.MetricGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric scope in Flink's shape. Process scopes ({@code jobmanager}, {@code taskmanager}) hold
 * job scopes, which hold task scopes (a vertex's subtask), which hold operator scopes; each kind
 * adds its variables ({@code host}, {@code tm_id}, {@code job_id}, {@code job_name}, {@code
 * task_name}, {@code subtask_index}, {@code operator_name}, …) and its part of the logical scope
 * ({@code taskmanager.job.task.operator}), which reporters turn into names and labels. A job scope
 * is an owner: {@link MetricRegistry#removeAll} of it removes what it and its children registered.
 *
 * <p>Immutable; registering is done by the scope's owner thread. A name registered twice in one
 * owner returns the first metric.
 */
public final class GenericMetricGroup implements MetricGroup {
  private final MetricRegistry registry;
  private final String logicalScope;
  private final List<String> components;
  private final List<String> jobComponents;
  private final Map<String, String> variables;
  private final Object owner;

  private GenericMetricGroup(MetricRegistry registry, String logicalScope, List<String> components,
      List<String> jobComponents, Map<String, String> variables, Object owner) {
    this.registry = registry;
    this.logicalScope = logicalScope;
    this.components = List.copyOf(components);
    this.jobComponents = jobComponents;
    this.variables = Collections.unmodifiableMap(variables);
    this.owner = owner;
  }

  static GenericMetricGroup processRoot(MetricRegistry registry, String kind, String host, String taskManagerId) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("host", host);
    List<String> components = new ArrayList<>(List.of(sanitize(host), kind));
    if (taskManagerId != null) {
      vars.put("tm_id", taskManagerId);
      components.add(sanitize(taskManagerId));
    }
    return new GenericMetricGroup(registry, kind, components, null, vars, new Object());
  }

  /** The scope of job {@code jobName} in this process scope; a new owner of what registers under it. */
  public GenericMetricGroup addJob(String jobId, String jobName) {
    List<String> c = with(components, jobName);
    return new GenericMetricGroup(registry, logicalScope + ".job", c, c, with(variables, "job_id", jobId,
        "job_name", jobName), new Object());
  }

  /**
   * The scope of the job of {@code job} (a job scope of another process scope, e.g. the job
   * manager's) in this process scope, owned together with it: removing either removes both. A
   * local run's subtasks register under it.
   */
  public GenericMetricGroup addJob(GenericMetricGroup job) {
    List<String> c = with(components, job.variables.get("job_name"));
    return new GenericMetricGroup(registry, logicalScope + ".job", c, c, with(variables, "job_id",
        job.variables.get("job_id"), "job_name", job.variables.get("job_name")), job.owner);
  }

  /**
   * The scope of subtask {@code subtaskIndex} of vertex {@code taskName} (a job scope's child):
   * {@code <job>.task.<task_name>.<subtask_index>}, so that a chain of one operator does not give
   * its task's and its operator's metrics one identifier.
   */
  public GenericMetricGroup addTask(int vertexId, String taskName, int subtaskIndex, int attempt) {
    Map<String, String> vars = with(variables, "task_id", String.valueOf(vertexId), "task_name", taskName);
    vars.put("subtask_index", String.valueOf(subtaskIndex));
    vars.put("task_attempt_num", String.valueOf(attempt));
    return new GenericMetricGroup(registry, logicalScope + ".task", with(with(with(components, "task"), taskName),
        String.valueOf(subtaskIndex)), jobComponents, vars, owner);
  }

  /**
   * The scope of operator {@code operatorName} in this task scope; its identifier is {@code
   * <job>.<operator_name>.<subtask_index>}, as in Flink.
   */
  public GenericMetricGroup addOperator(String operatorId, String operatorName) {
    return new GenericMetricGroup(registry, logicalScope + ".operator", with(with(jobComponents, operatorName),
        variables.get("subtask_index")), jobComponents, with(variables, "operator_id", operatorId,
        "operator_name", operatorName), owner);
  }

  @Override
  public MetricGroup addGroup(String name) {
    return new GenericMetricGroup(registry, logicalScope + "." + sanitize(name), with(components, name),
        jobComponents, new LinkedHashMap<>(variables), owner);
  }

  @Override
  public MetricGroup addGroup(String key, String value) {
    Map<String, String> vars = new LinkedHashMap<>(variables);
    vars.put(key, value);
    return new GenericMetricGroup(registry, logicalScope + "." + sanitize(key), with(with(components, key), value),
        jobComponents, vars, owner);
  }

  private static List<String> with(List<String> components, String component) {
    List<String> c = new ArrayList<>(components);
    c.add(sanitize(component));
    return c;
  }

  private static Map<String, String> with(Map<String, String> vars, String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>(vars);
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @Override
  public Counter counter(String name) {
    return register(name, new SimpleCounter());
  }

  /** Registers an existing counter (e.g. one the runtime increments on its hot path). */
  public <C extends Counter> C counter(String name, C counter) {
    return register(name, counter);
  }

  @Override
  public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
    return register(name, gauge);
  }

  @Override
  public Meter meter(String name, Counter counter) {
    return register(name, new MeterView(counter, 60));
  }

  @SuppressWarnings("unchecked")
  private <M extends Metric> M register(String name, M metric) {
    return (M) registry.register(new RegisteredMetric(getMetricIdentifier(name), logicalScope, name, variables,
        metric), owner);
  }

  /** The registry this scope registers in. */
  public MetricRegistry registry() {
    return registry;
  }

  Object owner() {
    return owner;
  }

  /** The kind of scope, e.g. {@code taskmanager.job.task.operator}. */
  public String getLogicalScope() {
    return logicalScope;
  }

  @Override
  public Map<String, String> getAllVariables() {
    return variables;
  }

  @Override
  public String getMetricIdentifier(String name) {
    return String.join(".", components) + "." + sanitize(name);
  }

  private static String sanitize(String name) {
    return name.replace('.', '_').replace(' ', '_');
  }
}
