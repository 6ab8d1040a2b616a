package io.nagare.api.connector.sink2;

import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.operators.ProcessingTimeService;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/** What a {@link SinkWriter} can reach of its subtask. */
public interface WriterInitContext extends CommitterInitContext {
  /** The id of the checkpoint this run was restored from, if any. */
  OptionalLong getRestoredCheckpointId();

  /** The subtask's clock; its timers call back on the subtask's thread (for time-based flushes). */
  ProcessingTimeService getProcessingTimeService();

  /**
   * Runs actions on the subtask's thread, between records: the way for a client's callback thread to
   * hand back a result or a failure (an exception thrown by the action fails the job).
   */
  Executor getMailboxExecutor();

  /** The class loader holding the job's classes. */
  ClassLoader getUserCodeClassLoader();

  /** The name of the job, as given to {@code execute}. */
  String getJobName();

  /** The name of the sink's operator, for messages. */
  String getOperatorName();
}
