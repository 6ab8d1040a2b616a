package io.nagare.runtime.tasks;

/** Told when a subtask ends; called once, on the subtask's own thread, as its last act. */
@FunctionalInterface
public interface TaskListener {
  /**
   * @param task the subtask
   * @param failure null if it finished normally; the failure (or a {@link
   *     io.nagare.runtime.io.TaskCancelledException} if it was cancelled) otherwise
   */
  void taskEnded(SubtaskHandle task, Throwable failure);
}
