package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads, as {@link DataInputDeserializer} does, what {@link DataOutputSerializer} or {@link
 * DataOutputViewStream} wrote, from the next {@code length} bytes of an {@link InputStream}: it
 * buffers, but never asks the stream for a byte past those {@code length} (so the bytes a reader
 * takes from a file are exactly the range it asked for), and reads past them end in an {@link
 * EOFException}. Closing it closes the stream. One owner thread.
 */
public final class DataInputViewStream implements DataInputView, Closeable {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private byte[] buffer;
  private int position;
  private int limit;
  /** Bytes of the range not yet taken from the stream. */
  private long unread;

  public DataInputViewStream(InputStream in, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length " + length);
    }
    this.in = in;
    this.unread = length;
    this.buffer = new byte[(int) Math.min(BUFFER, Math.max(16, length))];
  }

  /** Bytes left to read in the range. */
  public long remaining() {
    return unread + limit - position;
  }

  /** Makes at least {@code n} bytes available in the buffer. */
  private void need(int n) throws IOException {
    if (limit - position >= n) {
      return;
    }
    if (remaining() < n) {
      throw new EOFException("Needed " + n + " bytes, " + remaining() + " left");
    }
    int buffered = limit - position;
    if (n > buffer.length) {
      byte[] larger = new byte[n];
      System.arraycopy(buffer, position, larger, 0, buffered);
      buffer = larger;
    } else {
      System.arraycopy(buffer, position, buffer, 0, buffered);
    }
    position = 0;
    limit = buffered;
    while (limit < n) {
      fill();
    }
  }

  private void fill() throws IOException {
    int read = in.read(buffer, limit, (int) Math.min(buffer.length - limit, unread));
    if (read < 0) {
      throw new EOFException("The stream ended with " + unread + " bytes of its range unread");
    }
    limit += read;
    unread -= read;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    if (remaining() < len) {
      throw new EOFException("Needed " + len + " bytes, " + remaining() + " left");
    }
    int buffered = Math.min(len, limit - position);
    System.arraycopy(buffer, position, b, off, buffered);
    position += buffered;
    int done = buffered;
    while (done < len) {
      int read = in.read(b, off + done, len - done);
      if (read < 0) {
        throw new EOFException("The stream ended with " + unread + " bytes of its range unread");
      }
      done += read;
      unread -= read;
    }
  }

  @Override
  public int skipBytes(int n) throws IOException {
    int skip = (int) Math.min(n, remaining());
    int left = skip;
    while (left > 0) {
      if (position == limit) {
        position = 0;
        limit = 0;
        fill();
      }
      int step = Math.min(left, limit - position);
      position += step;
      left -= step;
    }
    return skip;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    need(1);
    return buffer[position++];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return readByte() & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    need(2);
    short v = (short) SHORT.get(buffer, position);
    position += 2;
    return v;
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws IOException {
    need(4);
    int v = (int) INT.get(buffer, position);
    position += 4;
    return v;
  }

  @Override
  public long readLong() throws IOException {
    need(8);
    long v = (long) LONG.get(buffer, position);
    position += 8;
    return v;
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  /** Not supported: line-based reading has no place in binary records. */
  @Override
  public String readLine() {
    throw new UnsupportedOperationException("readLine is not supported by binary serializers");
  }

  /** Reads what {@link DataOutputSerializer#writeUTF} wrote: a var-int byte count and UTF-8 bytes. */
  @Override
  public String readUTF() throws IOException {
    int len = readVarInt();
    need(len);
    String s = new String(buffer, position, len, StandardCharsets.UTF_8);
    position += len;
    return s;
  }

  @Override
  public int readVarInt() throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = readByte();
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        if (value < 0) {
          throw new IOException("Malformed var-int: value exceeds Integer.MAX_VALUE");
        }
        return value;
      }
    }
    throw new IOException("Malformed var-int: more than 5 bytes");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
