package io.nagare.runtime.io;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.runtime.partitioner.ChannelSelector;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.serialization.DataOutputSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes one producing subtask's records into buffers, one partly filled buffer per channel,
 * and hands full buffers to the channels' subpartitions. Buffers come from the producer's {@link
 * BufferPool}; when it is empty the writer waits — that is back-pressure. Partly filled buffers
 * leave on {@link #flushAll()} (the task flushes when it runs out of input and on the buffer
 * timeout) and before every event, so events never overtake records.
 *
 * <p>Owned by the producing subtask's thread; metrics read its counts from theirs (recent values).
 */
public final class RecordWriter<T> {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final ResultSubpartition[] subpartitions;
  private final BufferPool pool;
  private final TypeSerializer<T> serializer;
  private final ChannelSelector<T> selector;
  private final DataOutputSerializer scratch = new DataOutputSerializer(256);
  private final Buffer[] current;
  private final int[] positions;
  private long recordsOut;
  private long bytesOut;
  private long lastWatermark = Long.MIN_VALUE;

  public RecordWriter(ResultSubpartition[] subpartitions, BufferPool pool, TypeSerializer<T> serializer,
      ChannelSelector<T> selector) {
    this.subpartitions = subpartitions;
    this.pool = pool;
    this.serializer = serializer;
    this.selector = selector;
    this.current = new Buffer[subpartitions.length];
    this.positions = new int[subpartitions.length];
  }

  public BufferPool pool() {
    return pool;
  }

  /** Records emitted so far (a broadcast record counts once). */
  public long recordsOut() {
    return recordsOut;
  }

  /** Bytes of records handed to the channels so far (a broadcast record's bytes count once per channel). */
  public long bytesOut() {
    return bytesOut;
  }

  /** The last watermark sent, or {@code Long.MIN_VALUE}. */
  public long lastWatermark() {
    return lastWatermark;
  }

  /** Serializes {@code record} and routes it to its channel(s). */
  public void emit(T record, long timestamp) throws IOException, InterruptedException {
    scratch.clear();
    if (timestamp == Timestamps.NO_TIMESTAMP) {
      scratch.writeByte(RecordFormat.NO_TIMESTAMP);
    } else {
      scratch.writeByte(RecordFormat.WITH_TIMESTAMP);
      scratch.writeLong(timestamp);
    }
    if (record == null) {
      throw new NullPointerException("A null record was emitted; streams cannot carry null elements");
    }
    serializer.serialize(record, scratch);
    recordsOut++;
    if (selector.isBroadcast()) {
      for (int ch = 0; ch < subpartitions.length; ch++) {
        copyToChannel(ch, scratch.getSharedBuffer(), scratch.length());
      }
    } else {
      copyToChannel(selector.selectChannel(record), scratch.getSharedBuffer(), scratch.length());
    }
  }

  private void copyToChannel(int ch, byte[] src, int len) throws InterruptedException {
    Buffer b = current[ch];
    int pos = positions[ch];
    if (b == null) {
      b = pool.requestBuffer();
      pos = 0;
    } else if (b.capacity() - pos < RecordFormat.LENGTH_BYTES) {
      finish(ch, b, pos);
      b = pool.requestBuffer();
      pos = 0;
    }
    byte[] data = b.data();
    INT.set(data, pos, len);
    pos += RecordFormat.LENGTH_BYTES;
    int off = 0;
    while (true) {
      int n = Math.min(len - off, data.length - pos);
      System.arraycopy(src, off, data, pos, n);
      pos += n;
      off += n;
      if (off == len) {
        break;
      }
      finish(ch, b, pos);
      b = pool.requestBuffer();
      data = b.data();
      pos = 0;
    }
    if (pos == data.length) {
      finish(ch, b, pos);
      b = null;
      pos = 0;
    }
    current[ch] = b;
    positions[ch] = pos;
  }

  private void finish(int ch, Buffer b, int size) {
    b.setSize(size);
    bytesOut += size;
    subpartitions[ch].add(b);
  }

  /** Sends every partly filled buffer. */
  public void flushAll() {
    for (int ch = 0; ch < subpartitions.length; ch++) {
      flush(ch);
    }
  }

  private void flush(int ch) {
    Buffer b = current[ch];
    if (b != null && positions[ch] > 0) {
      finish(ch, b, positions[ch]);
      current[ch] = null;
      positions[ch] = 0;
    }
  }

  /** Flushes, then sends {@code event} to every channel. */
  public void broadcastEvent(StreamEvent event) {
    if (event instanceof StreamEvent.Watermark w) {
      lastWatermark = w.timestamp();
    }
    Buffer e = Buffer.event(event);
    for (int ch = 0; ch < subpartitions.length; ch++) {
      flush(ch);
      subpartitions[ch].add(e);
    }
  }

  /**
   * Flushes, then puts {@code barrier} (unaligned) at the front of every channel; returns, per
   * channel, copies of the data buffers it overtook: this writer's output channel state.
   */
  public List<List<byte[]>> broadcastPriorityEvent(StreamEvent.CheckpointBarrier barrier) {
    Buffer e = Buffer.event(barrier);
    List<List<byte[]>> overtaken = new ArrayList<>();
    for (int ch = 0; ch < subpartitions.length; ch++) {
      flush(ch);
      overtaken.add(subpartitions[ch].addPriority(e));
    }
    return overtaken;
  }

  /** Sends restored in-flight data ahead of anything new: a restored subtask's output channel state. */
  public void restoreInFlight(int ch, List<byte[]> buffers) {
    for (byte[] data : buffers) {
      bytesOut += data.length;
      subpartitions[ch].add(Buffer.unpooled(data));
    }
  }

  /** How many channels this writer feeds. */
  public int numberOfChannels() {
    return subpartitions.length;
  }

  /** Returns unsent buffers to the pool; the writer is done. */
  public void close() {
    for (int ch = 0; ch < subpartitions.length; ch++) {
      if (current[ch] != null) {
        current[ch].recycle();
        current[ch] = null;
      }
    }
  }
}
