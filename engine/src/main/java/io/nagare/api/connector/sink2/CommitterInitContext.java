package io.nagare.api.connector.sink2;

import io.nagare.api.metrics.MetricGroup;

/** What a {@link Committer} can reach of its subtask. */
public interface CommitterInitContext {
  /** 0-based index of this subtask. */
  int getSubtaskId();

  int getNumberOfParallelSubtasks();

  /** Restart count of the job when this subtask started; 0 on the first run. */
  int getAttemptNumber();

  /** Metrics scoped to the sink's operator and subtask. */
  MetricGroup metricGroup();
}
