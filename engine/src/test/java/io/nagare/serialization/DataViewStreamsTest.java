package io.nagare.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link DataOutputViewStream} writes exactly what {@link DataOutputSerializer} writes, across its
 * chunks; {@link DataInputViewStream} reads it back across its buffer's refills, from a stream that
 * hands out a few bytes at a time, and takes no byte from the stream beyond its range.
 */
class DataViewStreamsTest {
  private static final int VALUES = 30_000;

  /** Writes a mix of values larger than one chunk, with a long array and a long string in between. */
  private static void writeValues(io.nagare.api.serialization.DataOutputView out) throws Exception {
    for (int i = 0; i < VALUES; i++) {
      out.writeInt(i);
      out.writeLong(-i * 1_000_003L);
      out.writeVarInt(i * 37);
      out.writeUTF("value " + i);
      out.writeBoolean(i % 2 == 0);
      out.writeDouble(i / 7.0);
      if (i == VALUES / 2) {
        out.write(new byte[100_000]);
        out.writeUTF("x".repeat(70_000));
      }
    }
  }

  @Test
  void streamedValuesAreByteForByteWhatTheSerializerWritesAndReadBackAcrossRefills() throws Exception {
    DataOutputSerializer expected = new DataOutputSerializer(1024);
    writeValues(expected);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputViewStream out = new DataOutputViewStream(bytes);
    writeValues(out);
    out.flush();

    assertThat(out.position()).isEqualTo(expected.length());
    assertThat(bytes.toByteArray()).isEqualTo(expected.getCopyOfBuffer());

    byte[] written = bytes.toByteArray();
    byte[] tail = {1, 2, 3};
    byte[] withTail = java.util.Arrays.copyOf(written, written.length + tail.length);
    System.arraycopy(tail, 0, withTail, written.length, tail.length);
    Trickle source = new Trickle(withTail);
    try (DataInputViewStream in = new DataInputViewStream(source, written.length)) {
      for (int i = 0; i < VALUES; i++) {
        assertThat(in.readInt()).isEqualTo(i);
        assertThat(in.readLong()).isEqualTo(-i * 1_000_003L);
        assertThat(in.readVarInt()).isEqualTo(i * 37);
        assertThat(in.readUTF()).isEqualTo("value " + i);
        assertThat(in.readBoolean()).isEqualTo(i % 2 == 0);
        assertThat(in.readDouble()).isEqualTo(i / 7.0);
        if (i == VALUES / 2) {
          byte[] zeros = new byte[100_000];
          in.readFully(zeros);
          assertThat(zeros).containsOnly(0);
          assertThat(in.readUTF()).isEqualTo("x".repeat(70_000));
        }
      }
      assertThat(in.remaining()).isZero();
      assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }
    assertThat(source.taken).as("bytes taken from the stream").isEqualTo(written.length);
  }

  /** A stream that hands out at most 7 bytes per read and counts what it handed out. */
  private static final class Trickle extends InputStream {
    private final ByteArrayInputStream in;
    private long taken;

    Trickle(byte[] bytes) {
      this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      int b = in.read();
      taken += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = in.read(b, off, Math.min(len, 1 + (int) (taken % 7)));
      taken += Math.max(n, 0);
      return n;
    }
  }
}
