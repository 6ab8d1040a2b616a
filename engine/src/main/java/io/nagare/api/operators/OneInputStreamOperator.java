package io.nagare.api.operators;

import java.io.Serializable;

/**
 * An operator of one input written against the public API, for what the DataStream functions do
 * not cover (sink writers, custom buffering, operators with checkpoint hooks). Added to a job with
 * {@code DataStream.transform(name, outputType, operator)}, which ships a serialised copy to each
 * subtask, or with a {@link OneInputStreamOperatorFactory}.
 *
 * <p>Lifecycle, all on the subtask's thread: {@link #setup} → {@link #open()} (state restored) →
 * {@link #processElement}, {@link #processWatermark}, timers, {@link #snapshotState} at each
 * checkpoint barrier, {@link #notifyCheckpointComplete} → {@link #endInput()} (bounded inputs only)
 * → {@link #close()} (always, also after a failure). An exception from any of them fails the job,
 * naming the operator and subtask.
 *
 * <pre>{@code
 * class Dedup extends OneInputStreamOperator<String, String> {
 *   private transient Set<String> seen;
 *   public void open() { seen = new HashSet<>(); }
 *   public void processElement(String s, long timestamp) {
 *     if (seen.add(s)) output().collect(s, timestamp);
 *   }
 * }
 * stream.transform("dedup", Types.STRING, new Dedup());
 * }</pre>
 *
 * @param <IN> input type
 * @param <OUT> output type
 */
public abstract class OneInputStreamOperator<IN, OUT> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The timestamp of records that have none. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private transient StreamOperatorContext<OUT> context;

  /** Called by the runtime once, before {@link #open()}. */
  public final void setup(StreamOperatorContext<OUT> context) {
    this.context = context;
  }

  /** The subtask's services: output, state, clock, metrics. Available from {@link #open()}. */
  protected final StreamOperatorContext<OUT> context() {
    return context;
  }

  /** Where this operator emits. */
  protected final OperatorOutput<OUT> output() {
    return context.output();
  }

  /** Prepares the operator; operator state restored from a checkpoint is readable here. */
  public void open() throws Exception {}

  /** Processes one element; {@code timestamp} is {@link #NO_TIMESTAMP} if it has none. */
  public abstract void processElement(IN element, long timestamp) throws Exception;

  /** Event time advanced to {@code watermark}; forwards it unless overridden. */
  public void processWatermark(long watermark) throws Exception {
    output().emitWatermark(watermark);
  }

  /**
   * Brings operator state up to date for checkpoint {@code checkpointId}: called at the barrier,
   * before the barrier goes downstream, so what is emitted here still belongs to this checkpoint.
   */
  public void snapshotState(long checkpointId, long timestamp) throws Exception {}

  /** Checkpoint {@code checkpointId} is complete (every subtask's state is stored). */
  public void notifyCheckpointComplete(long checkpointId) throws Exception {}

  /** The bounded input has ended; emit what is still buffered. */
  public void endInput() throws Exception {}

  /** Releases resources; called once, also after failures. */
  public void close() throws Exception {}
}
