package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads big-endian values from a byte array range, as {@link DataOutputSerializer} wrote them; {@link
 * #readUTF} reads a var-int byte count and standard UTF-8. Never reads past the range it was given
 * (an {@link EOFException} instead). One owner thread.
 */
public final class DataInputDeserializer implements DataInputView {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buffer;
  private int position;
  private int end;

  public DataInputDeserializer() {
    this(new byte[0], 0, 0);
  }

  public DataInputDeserializer(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  public DataInputDeserializer(byte[] buffer, int offset, int length) {
    setBuffer(buffer, offset, length);
  }

  /** Reads {@code length} bytes of {@code buffer} from {@code offset} next. */
  public void setBuffer(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.position = offset;
    this.end = offset + length;
  }

  public int getPosition() {
    return position;
  }

  public int available() {
    return end - position;
  }

  private void need(int n) throws EOFException {
    if (end - position < n) {
      throw new EOFException("Needed " + n + " bytes, " + (end - position) + " left");
    }
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    need(len);
    System.arraycopy(buffer, position, b, off, len);
    position += len;
  }

  @Override
  public int skipBytes(int n) {
    int skip = Math.min(n, end - position);
    position += skip;
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
}
