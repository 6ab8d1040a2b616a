package io.nagare.serialization;

import io.nagare.api.serialization.DataOutputView;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link DataOutputView} that streams to an {@link OutputStream}, in exactly the encoding of
 * {@link DataOutputSerializer} (it stages writes in one and hands them on in chunks), counting the
 * bytes written with a {@code long}: state of any size can be written without being held in one
 * array. One owner thread; {@link #flush()} before the stream is closed or read.
 */
public final class DataOutputViewStream implements DataOutputView {
  /** Staged bytes are handed to the stream once there are this many. */
  private static final int CHUNK = 64 * 1024;

  private final OutputStream out;
  private final DataOutputSerializer staged = new DataOutputSerializer(CHUNK + 1024);
  /** Bytes already handed to the stream. */
  private long flushed;

  public DataOutputViewStream(OutputStream out) {
    this.out = out;
  }

  /** The number of bytes written so far through this view. */
  public long position() {
    return flushed + staged.length();
  }

  /** Hands every staged byte to the stream and flushes it. */
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    if (staged.length() > 0) {
      out.write(staged.getSharedBuffer(), 0, staged.length());
      flushed += staged.length();
      staged.clear();
    }
  }

  private void written() throws IOException {
    if (staged.length() >= CHUNK) {
      drain();
    }
  }

  @Override
  public void write(int b) throws IOException {
    staged.write(b);
    written();
  }

  @Override
  public void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len >= CHUNK) {
      drain();
      out.write(b, off, len);
      flushed += len;
      return;
    }
    staged.write(b, off, len);
    written();
  }

  @Override
  public void writeBoolean(boolean v) throws IOException {
    staged.writeBoolean(v);
    written();
  }

  @Override
  public void writeByte(int v) throws IOException {
    staged.writeByte(v);
    written();
  }

  @Override
  public void writeShort(int v) throws IOException {
    staged.writeShort(v);
    written();
  }

  @Override
  public void writeChar(int v) throws IOException {
    staged.writeChar(v);
    written();
  }

  @Override
  public void writeInt(int v) throws IOException {
    staged.writeInt(v);
    written();
  }

  @Override
  public void writeLong(long v) throws IOException {
    staged.writeLong(v);
    written();
  }

  @Override
  public void writeFloat(float v) throws IOException {
    staged.writeFloat(v);
    written();
  }

  @Override
  public void writeDouble(double v) throws IOException {
    staged.writeDouble(v);
    written();
  }

  @Override
  public void writeBytes(String s) throws IOException {
    staged.writeBytes(s);
    written();
  }

  @Override
  public void writeChars(String s) throws IOException {
    staged.writeChars(s);
    written();
  }

  @Override
  public void writeUTF(String s) throws IOException {
    staged.writeUTF(s);
    written();
  }

  @Override
  public void writeVarInt(int value) throws IOException {
    staged.writeVarInt(value);
    written();
  }
}
