package io.nagare.runtime.executor;

import io.nagare.metrics.GenericMetricGroup;
import io.nagare.runtime.checkpoint.CheckpointAcknowledger;
import io.nagare.runtime.checkpoint.CheckpointStorage;
import io.nagare.runtime.checkpoint.JobRestore;
import io.nagare.runtime.tasks.SourceCoordinatorGateway;
import io.nagare.runtime.tasks.SubtaskHandle;
import io.nagare.runtime.tasks.TaskListener;
import java.util.List;

/**
 * Where a {@link JobRun} executes its subtasks: in this process ({@link LocalDeployment}), or on
 * the task managers of a cluster. The run calls {@link #create}, then {@link #start}, then, once
 * every subtask has ended, {@link #release}, once per attempt and all from the run's thread.
 */
public interface Deployment {
  /**
   * What one attempt's subtasks are given.
   *
   * @param number the attempt (0 for the first run, then one more per restart)
   * @param restore the checkpoint to restore, or null for a fresh start
   * @param sourceCoordinators per vertex id, the coordinator of each source vertex (null elsewhere)
   * @param checkpoints where subtasks acknowledge checkpoints
   * @param storage where checkpoints are written, or null if the job takes none
   * @param listener told once per subtask when it ends
   * @param metrics the job's scope in the process running it (subtasks in this process register in
   *     the same job's scope under a task manager scope of the same registry)
   * @param fail fails the attempt (for a problem outside any one subtask); any thread
   */
  record Attempt(int number, JobRestore restore, SourceCoordinatorGateway[] sourceCoordinators,
      CheckpointAcknowledger checkpoints, CheckpointStorage storage, TaskListener listener,
      GenericMetricGroup metrics, java.util.function.Consumer<Throwable> fail) {}

  /** Creates the attempt's subtasks, not yet running: every subtask of the job, wherever it runs. */
  List<SubtaskHandle> create(Attempt attempt) throws Exception;

  /** Starts the subtasks {@link #create} made. */
  void start();

  /**
   * The attempt has failed or is being cancelled: a {@link #create} still waiting (for resources,
   * say) should give up and throw. Any thread; by default nothing waits.
   */
  default void abort(Throwable cause) {}

  /** Frees what the attempt held, after its subtasks ended or could not be created. */
  void release() throws InterruptedException;
}
