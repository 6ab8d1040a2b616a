package io.nagare.runtime.io;

import java.util.List;

/**
 * A consuming subtask's end of one channel: where buffers from one producer subtask arrive, plus
 * the per-channel state the consumer keeps (a record split across buffers and whether the channel
 * has ended; watermarks are tracked by the task's valve). Owned by the consumer's thread, except that {@link #poll} reads
 * a queue the producer fills.
 */
public abstract class InputChannel {
  private final int channelIndex;
  private final int inputIndex;
  private final RecordDeserializer<?> deserializer;
  boolean finished;
  boolean queued;
  /** Held back during checkpoint barrier alignment; consumer thread only. */
  boolean blocked;

  protected InputChannel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer) {
    this.channelIndex = channelIndex;
    this.inputIndex = inputIndex;
    this.deserializer = deserializer;
  }

  /** The channel's index within its gate. */
  public int channelIndex() {
    return channelIndex;
  }

  /** Which logical input of the consumer this channel feeds (0 for one-input operators). */
  public int inputIndex() {
    return inputIndex;
  }

  public RecordDeserializer<?> deserializer() {
    return deserializer;
  }

  public boolean isFinished() {
    return finished;
  }

  /** The next buffer, or null if none has arrived. */
  public abstract Buffer poll();

  /** The buffer at the front if it is an unaligned checkpoint barrier (taken), else null. */
  public Buffer pollPriorityEvent() {
    return null;
  }

  /** Whether no buffer is queued right now. */
  public abstract boolean isEmpty();

  /** How many buffers wait in this channel for the consumer right now; any thread (for metrics). */
  public abstract int queuedBuffers();

  /**
   * The share (0 to 1) of the receive buffers this channel owns that are in use (queued or being
   * read), 0 for a channel that owns none (a local one reads its producer's); any thread.
   */
  public double receiveBufferUsage() {
    return 0;
  }

  /** Starts listening for buffers; {@code onData} runs whenever the channel turns non-empty. */
  public abstract void start(Runnable onData);

  /**
   * Also tells {@code onPriority} whenever an unaligned checkpoint barrier was put at the front of
   * this channel's queue; set before {@link #start}.
   */
  public void setPriorityListener(Runnable onPriority) {}

  /**
   * Copies of the data buffers that the unaligned barrier of {@code checkpointId} overtook in this
   * channel's own receive queue (a remote channel's; a local channel's producer records them as
   * its output), in order; empty if none. Consumer thread, once it has taken that barrier.
   */
  public List<byte[]> takeOvertaken(long checkpointId) {
    return List.of();
  }

  /** Gives back everything still queued (the consumer is going away). */
  public abstract void release();
}
