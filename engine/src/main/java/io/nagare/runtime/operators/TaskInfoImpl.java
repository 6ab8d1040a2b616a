package io.nagare.runtime.operators;

import io.nagare.api.functions.TaskInfo;

/** Immutable {@link TaskInfo}. */
public final class TaskInfoImpl implements TaskInfo {
  private final String taskName;
  private final int index;
  private final int parallelism;
  private final int maxParallelism;
  private final int attempt;

  public TaskInfoImpl(String taskName, int index, int parallelism, int maxParallelism, int attempt) {
    this.taskName = taskName;
    this.index = index;
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
    this.attempt = attempt;
  }

  @Override
  public String getTaskName() {
    return taskName;
  }

  @Override
  public int getIndexOfThisSubtask() {
    return index;
  }

  @Override
  public int getNumberOfParallelSubtasks() {
    return parallelism;
  }

  @Override
  public int getMaxNumberOfParallelSubtasks() {
    return maxParallelism;
  }

  @Override
  public int getAttemptNumber() {
    return attempt;
  }

  @Override
  public String toString() {
    return taskName + " (" + (index + 1) + "/" + parallelism + ")";
  }
}
