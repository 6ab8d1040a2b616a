package io.nagare.api.operators;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.functions.RuntimeContext;
import io.nagare.api.state.OperatorStateStore;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * What a {@link OneInputStreamOperator} gets from the subtask that runs it. Subtask thread only,
 * except {@link #mailboxExecutor()}, which any thread may use.
 *
 * @param <OUT> the operator's output type
 */
public interface StreamOperatorContext<OUT> {
  /** Where the operator emits. */
  OperatorOutput<OUT> output();

  /** Task info, metrics, accumulators and, on a keyed stream, keyed state of the current element. */
  RuntimeContext runtimeContext();

  /** The operator's non-keyed list states (restored before {@link OneInputStreamOperator#open()}). */
  OperatorStateStore operatorStateStore();

  /** Whether this run restored the operator from a checkpoint or savepoint. */
  boolean isRestored();

  /** The id of the checkpoint this run was restored from, if any. */
  OptionalLong restoredCheckpointId();

  /** The subtask's clock and timers. */
  ProcessingTimeService processingTimeService();

  /**
   * Runs actions on the subtask's thread between records; any thread may submit. An exception
   * thrown by an action fails the job.
   */
  Executor mailboxExecutor();

  /** The subtask's current event-time watermark ({@code Long.MIN_VALUE} before the first). */
  long currentWatermark();

  /** The name of the operator, as given to {@code transform}. */
  String operatorName();

  /** The name of the job. */
  String jobName();

  /** The job's configuration. */
  Configuration jobConfiguration();
}
