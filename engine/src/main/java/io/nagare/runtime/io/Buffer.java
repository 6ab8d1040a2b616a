package io.nagare.runtime.io;

/**
 * A unit of exchange between subtasks: either a slice of serialized records (a pooled byte array
 * filled up to {@link #size()}) or one event (watermark, end of partition, later checkpoint
 * barriers). A data buffer belongs to its producer's {@link BufferPool} and goes back there through
 * {@link #recycle()} once the consumer has read it. Handed from producer to consumer through a
 * {@link ResultSubpartition}; only one thread touches it at a time.
 */
public final class Buffer {
  private final byte[] data;
  private final BufferPool pool;
  private final StreamEvent event;
  private int size;

  Buffer(byte[] data, BufferPool pool) {
    this.data = data;
    this.pool = pool;
    this.event = null;
  }

  private Buffer(StreamEvent event) {
    this.data = null;
    this.pool = null;
    this.event = event;
  }

  /** A data buffer holding all of {@code data}, not pooled: in-flight data restored from a checkpoint. */
  public static Buffer unpooled(byte[] data) {
    Buffer buffer = new Buffer(data, null);
    buffer.size = data.length;
    return buffer;
  }

  /** A copy of the filled bytes of this data buffer. */
  public byte[] copyData() {
    return java.util.Arrays.copyOf(data, size);
  }

  /** A buffer carrying one event; not pooled. */
  public static Buffer event(StreamEvent event) {
    return new Buffer(event);
  }

  public boolean isEvent() {
    return event != null;
  }

  public StreamEvent getEvent() {
    return event;
  }

  public byte[] data() {
    return data;
  }

  public int size() {
    return size;
  }

  /** Sets how many bytes of {@link #data()} are filled: for buffers filled from outside a record writer (the network). */
  public void setSize(int size) {
    if (size < 0 || size > data.length) {
      throw new IllegalArgumentException("A buffer of " + data.length + " bytes cannot hold " + size);
    }
    this.size = size;
  }

  public int capacity() {
    return data.length;
  }

  /** Returns a data buffer to its pool; no-op for events. */
  public void recycle() {
    if (pool != null) {
      size = 0;
      pool.recycle(this);
    }
  }
}
