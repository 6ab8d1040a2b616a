package io.nagare.runtime.io;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.serialization.DataInputDeserializer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads the records of one channel out of its buffers (see {@link RecordFormat}), keeping a record
 * that spans buffers in a spill array until its last byte arrives. After {@link #next()} returns
 * true, {@link #record()} and {@link #timestamp()} hold the record. A record's bytes must be read
 * exactly by its serializer; anything else means the two sides disagree and fails loudly.
 *
 * <p>Owned by the consuming subtask's thread.
 */
public final class RecordDeserializer<T> {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final TypeSerializer<T> serializer;
  private final DataInputDeserializer in = new DataInputDeserializer();
  private byte[] data;
  private int position;
  private int limit;
  private byte[] spill = new byte[64];
  private int spillLength;
  private int spillNeeded;
  private T record;
  private long timestamp;

  public RecordDeserializer(TypeSerializer<T> serializer) {
    this.serializer = serializer;
  }

  /** Continues reading from {@code buffer}; the previous buffer must be exhausted. */
  public void setBuffer(Buffer buffer) {
    this.data = buffer.data();
    this.position = 0;
    this.limit = buffer.size();
  }

  /** Reads the next complete record; false when the buffer is exhausted (a record may be pending). */
  public boolean next() throws IOException {
    if (spillNeeded > 0) {
      int n = Math.min(spillNeeded, limit - position);
      System.arraycopy(data, position, spill, spillLength, n);
      position += n;
      spillLength += n;
      spillNeeded -= n;
      if (spillNeeded > 0) {
        return false;
      }
      read(spill, 0, spillLength);
      return true;
    }
    if (limit - position < RecordFormat.LENGTH_BYTES) {
      if (position != limit) {
        throw new IOException("Corrupt buffer: " + (limit - position) + " stray bytes at its end");
      }
      return false;
    }
    int len = (int) INT.get(data, position);
    position += RecordFormat.LENGTH_BYTES;
    if (limit - position >= len) {
      read(data, position, len);
      position += len;
      return true;
    }
    if (spill.length < len) {
      spill = Arrays.copyOf(spill, Math.max(len, spill.length * 2));
    }
    int n = limit - position;
    System.arraycopy(data, position, spill, 0, n);
    position = limit;
    spillLength = n;
    spillNeeded = len - n;
    return false;
  }

  private void read(byte[] bytes, int offset, int len) throws IOException {
    in.setBuffer(bytes, offset, len);
    byte tag = in.readByte();
    timestamp = tag == RecordFormat.WITH_TIMESTAMP ? in.readLong() : Timestamps.NO_TIMESTAMP;
    record = serializer.deserialize(in);
    if (in.available() != 0) {
      throw new IOException("A record of " + len + " bytes left " + in.available() + " bytes unread by "
          + serializer.getClass().getName() + ": the producer and consumer serializers disagree");
    }
  }

  public T record() {
    return record;
  }

  public long timestamp() {
    return timestamp;
  }

  /**
   * What this deserializer holds but has not returned as records yet, as the channel sent it:
   * between two records of a buffer, the rest of that buffer; after a buffer that ended inside a
   * record, that record's length and the part of it read. Feeding these bytes and then the rest of
   * the channel to a new deserializer yields the same records. Null when it holds nothing. For an
   * unaligned checkpoint's in-flight data.
   */
  public byte[] unreadBytes() {
    if (spillNeeded > 0) {
      byte[] bytes = new byte[RecordFormat.LENGTH_BYTES + spillLength];
      INT.set(bytes, 0, spillLength + spillNeeded);
      System.arraycopy(spill, 0, bytes, RecordFormat.LENGTH_BYTES, spillLength);
      return bytes;
    }
    if (data == null || position == limit) {
      return null;
    }
    return Arrays.copyOfRange(data, position, limit);
  }

  /** Whether a record spanning buffers is incomplete. */
  public boolean hasPartialRecord() {
    return spillNeeded > 0;
  }
}
