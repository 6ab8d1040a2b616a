package io.nagare.runtime.tasks;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.plan.JobGraph;
import io.nagare.plan.OperatorConfig;
import io.nagare.runtime.checkpoint.IncompatibleStateException;
import io.nagare.runtime.checkpoint.JobRestore;
import io.nagare.runtime.checkpoint.RestoredMaxParallelism;
import io.nagare.runtime.checkpoint.TaskCheckpointing;
import io.nagare.state.KeyedStateBackendFactory;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the process running a subtask provides to it: the plan, the shared timer scheduler, the
 * job's metric scope, class loader, state backend, and (for sources) the coordinator. Shared by the
 * subtasks of one job in one process; every field is immutable or thread-safe.
 */
public final class TaskEnvironment {
  private final JobGraph jobGraph;
  private final ScheduledExecutorService timerScheduler;
  private final GenericMetricGroup jobMetricGroup;
  private final ClassLoader userClassLoader;
  private final KeyedStateBackendFactory stateBackendFactory;
  private final SourceCoordinatorGateway[] sourceCoordinators;
  private final TaskCheckpointing checkpointing;
  private final JobRestore restore;
  private final Map<String, Integer> maxParallelism;

  /**
   * The environment of one attempt's subtasks in this process.
   *
   * @throws IncompatibleStateException if the job cannot run with the max parallelism of its restored state
   * @throws IOException if the restored checkpoint cannot be read
   */
  public TaskEnvironment(JobGraph jobGraph, ScheduledExecutorService timerScheduler, GenericMetricGroup jobMetricGroup,
      ClassLoader userClassLoader, KeyedStateBackendFactory stateBackendFactory,
      SourceCoordinatorGateway[] sourceCoordinators, TaskCheckpointing checkpointing, JobRestore restore)
      throws IOException, IncompatibleStateException {
    this.restore = restore;
    this.maxParallelism = RestoredMaxParallelism.of(jobGraph, restore);
    this.jobGraph = jobGraph;
    this.timerScheduler = timerScheduler;
    this.jobMetricGroup = jobMetricGroup;
    this.userClassLoader = userClassLoader;
    this.stateBackendFactory = stateBackendFactory;
    this.sourceCoordinators = sourceCoordinators;
    this.checkpointing = checkpointing;
  }

  /** The checkpoint this run restores from, or null for a fresh start. */
  public JobRestore restore() {
    return restore;
  }

  /** The max parallelism (number of key groups) operator {@code op} runs with, restored state considered. */
  public int maxParallelism(OperatorConfig op) {
    return maxParallelism.getOrDefault(op.operatorId(), op.maxParallelism());
  }

  /** Checkpointing of the job, or null if it takes no checkpoints. */
  public TaskCheckpointing checkpointing() {
    return checkpointing;
  }

  /**
   * True if the job checkpoints periodically: then a subtask that has processed all its input
   * reports its final state and ends only once a checkpoint holding that state has completed, and
   * sinks make their last output visible only then (so a restart never replays what they committed).
   */
  public boolean endsWithFinalCheckpoint() {
    return checkpointing != null && !jobGraph.configuration().get(CheckpointingOptions.INTERVAL).isZero();
  }

  public JobGraph jobGraph() {
    return jobGraph;
  }

  public ScheduledExecutorService timerScheduler() {
    return timerScheduler;
  }

  public GenericMetricGroup jobMetricGroup() {
    return jobMetricGroup;
  }

  public ClassLoader userClassLoader() {
    return userClassLoader;
  }

  public KeyedStateBackendFactory stateBackendFactory() {
    return stateBackendFactory;
  }

  /** The coordinator of source vertex {@code vertexId}. */
  public SourceCoordinatorGateway sourceCoordinator(int vertexId) {
    return sourceCoordinators[vertexId];
  }
}
