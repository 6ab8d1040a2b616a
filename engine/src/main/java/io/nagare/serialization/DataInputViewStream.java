package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads, as {@link DataInputDeserializer} does, what {@link DataOutputSerializer} or {@link
 * DataOutputViewStream} wrote, from the next {@code length} bytes of an {@link InputStream}: it
 * buffers (values are decoded by a {@link DataInputDeserializer} over the buffer), but never asks
 * the stream for a byte past those {@code length} (so the bytes a reader takes from a file are
 * exactly the range it asked for), and reads past them end in an {@link EOFException}. Closing it
 * closes the stream. One owner thread.
 */
public final class DataInputViewStream implements DataInputView, Closeable {
  private static final int BUFFER = 64 * 1024;
  /** The most bytes a var-int takes. */
  private static final int VAR_INT_BYTES = 5;

  private final InputStream in;
  private byte[] buffer;
  /** The buffered bytes not yet read, and the reader of them. */
  private final DataInputDeserializer view = new DataInputDeserializer();
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
    return unread + view.available();
  }

  /** Makes at least {@code n} bytes available to {@link #view}. */
  private void need(int n) throws IOException {
    int buffered = view.available();
    if (buffered >= n) {
      return;
    }
    if (remaining() < n) {
      throw new EOFException("Needed " + n + " bytes, " + remaining() + " left");
    }
    byte[] target = n > buffer.length ? new byte[n] : buffer;
    System.arraycopy(buffer, view.getPosition(), target, 0, buffered);
    buffer = target;
    int limit = buffered;
    while (limit < n) {
      int read = in.read(buffer, limit, (int) Math.min(buffer.length - limit, unread));
      if (read < 0) {
        throw new EOFException("The stream ended with " + unread + " bytes of its range unread");
      }
      limit += read;
      unread -= read;
    }
    view.setBuffer(buffer, 0, limit);
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
    int buffered = Math.min(len, view.available());
    view.readFully(b, off, buffered);
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
    for (int left = skip; left > 0; ) {
      need(Math.min(left, buffer.length));
      left -= view.skipBytes(left);
    }
    return skip;
  }

  @Override
  public boolean readBoolean() throws IOException {
    need(1);
    return view.readBoolean();
  }

  @Override
  public byte readByte() throws IOException {
    need(1);
    return view.readByte();
  }

  @Override
  public int readUnsignedByte() throws IOException {
    need(1);
    return view.readUnsignedByte();
  }

  @Override
  public short readShort() throws IOException {
    need(2);
    return view.readShort();
  }

  @Override
  public int readUnsignedShort() throws IOException {
    need(2);
    return view.readUnsignedShort();
  }

  @Override
  public char readChar() throws IOException {
    need(2);
    return view.readChar();
  }

  @Override
  public int readInt() throws IOException {
    need(4);
    return view.readInt();
  }

  @Override
  public long readLong() throws IOException {
    need(8);
    return view.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    need(4);
    return view.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    need(8);
    return view.readDouble();
  }

  /** Not supported: line-based reading has no place in binary records. */
  @Override
  public String readLine() {
    return view.readLine();
  }

  /** Reads what {@link DataOutputSerializer#writeUTF} wrote: a var-int byte count and UTF-8 bytes. */
  @Override
  public String readUTF() throws IOException {
    byte[] bytes = new byte[readVarInt()];
    readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public int readVarInt() throws IOException {
    need((int) Math.min(VAR_INT_BYTES, remaining()));
    return view.readVarInt();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
