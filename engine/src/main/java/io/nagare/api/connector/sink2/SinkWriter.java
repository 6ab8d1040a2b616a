package io.nagare.api.connector.sink2;

import io.nagare.api.eventtime.Watermark;
import java.io.IOException;

/**
 * Writes one subtask's records. Every method runs on the subtask's thread; {@link #write} may buffer
 * and {@link #flush} must make everything written so far durable (or, for a committing writer,
 * ready to pre-commit). A writer that implements {@link io.nagare.api.state.CheckpointListener} is
 * told when a checkpoint is complete, after its committables up to that checkpoint are committed.
 *
 * <p>An exception from any method fails the job, which then restarts from its latest checkpoint:
 * a writer never swallows a failed write. Errors that arrive on another thread (a client's
 * callback) are rethrown from the next call on the subtask's thread, or handed to it with
 * {@link WriterInitContext#getMailboxExecutor()}.
 *
 * @param <InputT> the type of the records written
 */
public interface SinkWriter<InputT> extends AutoCloseable {
  /** Writes (or buffers) {@code element}. */
  void write(InputT element, Context context) throws IOException, InterruptedException;

  /**
   * Makes everything written so far durable: called at each checkpoint barrier (before {@link
   * CommittingSinkWriter#prepareCommit} and {@link StatefulSinkWriter#snapshotState}) with {@code
   * endOfInput} false, and once more at the end of a bounded input with true.
   */
  void flush(boolean endOfInput) throws IOException, InterruptedException;

  /** Event time has advanced to {@code watermark}; most writers ignore it. */
  default void writeWatermark(Watermark watermark) throws IOException, InterruptedException {}

  /** What a writer knows of the record being written. */
  interface Context {
    /** The current event-time watermark of the subtask ({@code Long.MIN_VALUE} before the first). */
    long currentWatermark();

    /** The record's timestamp, or null if it has none. */
    Long timestamp();
  }
}
