package io.nagare.serialization;

import io.nagare.api.serialization.DataOutputView;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable big-endian byte array to serialize into. Multi-byte values are big-endian; {@link
 * #writeVarInt} writes 7 bits per byte, low bits first; {@link #writeUTF} writes a var-int byte
 * count and standard UTF-8. One owner thread; reuse it with {@link #clear()} to avoid allocation on
 * the record path.
 */
public final class DataOutputSerializer implements DataOutputView {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  /** Strings up to this many chars encode to at most 126 bytes, so their length fits one var-int byte. */
  private static final int SHORT_STRING_CHARS = 42;

  private byte[] buffer;
  private int position;

  public DataOutputSerializer(int initialSize) {
    this.buffer = new byte[Math.max(16, initialSize)];
  }

  /** The internal array; valid up to {@link #length()} until the next write. */
  public byte[] getSharedBuffer() {
    return buffer;
  }

  public int length() {
    return position;
  }

  public byte[] getCopyOfBuffer() {
    return Arrays.copyOf(buffer, position);
  }

  public void clear() {
    position = 0;
  }

  /** Moves the write position (to fill in a length written earlier, say). */
  public void setPosition(int position) {
    if (position < 0 || position > buffer.length) {
      throw new IndexOutOfBoundsException("position " + position);
    }
    this.position = position;
  }

  private void ensure(int extra) {
    if (position + extra > buffer.length) {
      int size = Math.max(buffer.length * 2, position + extra);
      if (size < 0) {
        throw new OutOfMemoryError("Serialized value exceeds 2 GB");
      }
      buffer = Arrays.copyOf(buffer, size);
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    buffer[position++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buffer, position, len);
    position += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    ensure(2);
    SHORT.set(buffer, position, (short) v);
    position += 2;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(4);
    INT.set(buffer, position, v);
    position += 4;
  }

  @Override
  public void writeLong(long v) {
    ensure(8);
    LONG.set(buffer, position, v);
    position += 8;
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    int len = s.length();
    ensure(len);
    for (int i = 0; i < len; i++) {
      buffer[position++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeChars(String s) {
    int len = s.length();
    ensure(2 * len);
    for (int i = 0; i < len; i++) {
      writeChar(s.charAt(i));
    }
  }

  /**
   * Writes a string of any length as a var-int byte count followed by its standard UTF-8 bytes (not
   * the modified UTF-8 of {@link java.io.DataOutput#writeUTF}), encoding in place without allocating.
   */
  @Override
  public void writeUTF(String s) {
    int chars = s.length();
    if (chars <= SHORT_STRING_CHARS) {
      ensure(1 + 3 * chars);
      int start = position + 1;
      int end = Utf8.encode(s, buffer, start);
      buffer[position] = (byte) (end - start);
      position = end;
      return;
    }
    int bytes = Utf8.encodedLength(s);
    writeVarInt(bytes);
    ensure(bytes);
    position = Utf8.encode(s, buffer, position);
  }

  @Override
  public void writeVarInt(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("writeVarInt takes non-negative values, got " + value);
    }
    ensure(5);
    while ((value & ~0x7F) != 0) {
      buffer[position++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[position++] = (byte) value;
  }
}
