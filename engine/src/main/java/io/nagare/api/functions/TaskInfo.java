package io.nagare.api.functions;

/** Which parallel instance of an operator this is. */
public interface TaskInfo {
  String getTaskName();

  /** 0-based index of this subtask. */
  int getIndexOfThisSubtask();

  int getNumberOfParallelSubtasks();

  int getMaxNumberOfParallelSubtasks();

  /** Restart count of the job when this subtask started; 0 on the first run. */
  int getAttemptNumber();
}
