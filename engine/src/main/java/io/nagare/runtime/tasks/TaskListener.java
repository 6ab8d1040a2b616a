package io.nagare.runtime.tasks;

/** Told, on the subtask's own thread, when a subtask runs and when it ends. */
@FunctionalInterface
public interface TaskListener {
  /**
   * The subtask's operators have opened, their state restored, and it starts processing input;
   * called at most once, before {@link #taskEnded}.
   */
  default void taskRunning(SubtaskHandle task) {}

  /**
   * The subtask ended; called once, as its last act.
   *
   * @param task the subtask
   * @param failure null if it finished normally; the failure (or a {@link
   *     io.nagare.runtime.io.TaskCancelledException} if it was cancelled) otherwise
   */
  void taskEnded(SubtaskHandle task, Throwable failure);
}
