package io.nagare.runtime.io;

/** Thrown on a task's thread when the task is being cancelled; not a failure of its own. */
public final class TaskCancelledException extends RuntimeException {
  public TaskCancelledException(String message) {
    super(message);
  }
}
