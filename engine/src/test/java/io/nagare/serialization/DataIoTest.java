package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataIoTest {

  @Test
  void varIntsTakeSevenBitsPerByteLowFirst() throws IOException {
    assertThat(varInt(0)).containsExactly(b(0));
    assertThat(varInt(127)).containsExactly(b(0x7F));
    assertThat(varInt(128)).containsExactly(b(0x80, 0x01));
    assertThat(varInt(300)).containsExactly(b(0xAC, 0x02));
    assertThat(varInt(Integer.MAX_VALUE)).containsExactly(b(0xFF, 0xFF, 0xFF, 0xFF, 0x07));
    for (int v : new int[] {0, 1, 127, 128, 16383, 16384, 1 << 21, 1 << 28, Integer.MAX_VALUE}) {
      assertThat(new DataInputDeserializer(varInt(v)).readVarInt()).isEqualTo(v);
    }
  }

  private static byte[] varInt(int value) {
    DataOutputSerializer out = new DataOutputSerializer(0);
    out.writeVarInt(value);
    return out.getCopyOfBuffer();
  }

  @Test
  void negativeAndMalformedVarIntsAreRejected() {
    assertThatThrownBy(() -> new DataOutputSerializer(8).writeVarInt(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writeVarInt takes non-negative values, got -1");
    assertThatThrownBy(() -> new DataInputDeserializer(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)).readVarInt())
        .isInstanceOf(IOException.class)
        .hasMessage("Malformed var-int: more than 5 bytes");
    assertThatThrownBy(() -> new DataInputDeserializer(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).readVarInt())
        .isInstanceOf(IOException.class)
        .hasMessage("Malformed var-int: value exceeds Integer.MAX_VALUE");
    assertThatThrownBy(() -> new DataInputDeserializer(b(0x80)).readVarInt())
        .isInstanceOf(EOFException.class);
  }

  @Test
  void fixedWidthValuesMatchJavaDataOutput() throws IOException {
    ByteArrayOutputStream expectedBytes = new ByteArrayOutputStream();
    DataOutputStream expected = new DataOutputStream(expectedBytes);
    DataOutputSerializer actual = new DataOutputSerializer(1);
    actual.writeLong(0x0102030405060708L);
    actual.writeInt(-5);
    actual.writeShort(0xABCD);
    actual.writeChar('Ω');
    actual.writeDouble(Math.PI);
    actual.writeFloat(-2.5f);
    actual.writeBoolean(true);
    actual.writeByte(0x99);
    expected.writeLong(0x0102030405060708L);
    expected.writeInt(-5);
    expected.writeShort(0xABCD);
    expected.writeChar('Ω');
    expected.writeDouble(Math.PI);
    expected.writeFloat(-2.5f);
    expected.writeBoolean(true);
    expected.writeByte(0x99);
    assertThat(actual.getCopyOfBuffer()).containsExactly(expectedBytes.toByteArray());

    DataInputStream check = new DataInputStream(new ByteArrayInputStream(actual.getCopyOfBuffer()));
    DataInputDeserializer in = new DataInputDeserializer(actual.getCopyOfBuffer());
    assertThat(in.readLong()).isEqualTo(check.readLong());
    assertThat(in.readInt()).isEqualTo(check.readInt());
    assertThat(in.readUnsignedShort()).isEqualTo(check.readUnsignedShort());
    assertThat(in.readChar()).isEqualTo(check.readChar());
    assertThat(in.readDouble()).isEqualTo(check.readDouble());
    assertThat(in.readFloat()).isEqualTo(check.readFloat());
    assertThat(in.readBoolean()).isEqualTo(check.readBoolean());
    assertThat(in.readUnsignedByte()).isEqualTo(0x99);
    assertThat(in.available()).isZero();
  }

  @Test
  void writeUtfEncodesInPlaceExactlyAsStringGetBytes() {
    String[] samples = {"", "plain ascii", "Grüße", "ελληνικά", "中文字符", "😀😃😄", "mixed ä€😀 end", "\u0080\u07FF\u0800"};
    for (String s : samples) {
      DataOutputSerializer out = new DataOutputSerializer(0);
      out.writeUTF(s);
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      byte[] written = out.getCopyOfBuffer();
      assertThat(written).as(s).hasSize(varInt(utf8.length).length + utf8.length).endsWith(utf8);
    }
  }

  @Test
  void lengthPrefixIsRightAroundTheOneByteLimit() throws IOException {
    for (int chars = 40; chars <= 45; chars++) {
      String euros = "€".repeat(chars);
      DataOutputSerializer out = new DataOutputSerializer(0);
      out.writeByte(0x55);
      out.writeUTF(euros);
      byte[] written = out.getCopyOfBuffer();
      int prefix = 3 * chars < 128 ? 1 : 2;
      assertThat(written).as("%d chars", chars).hasSize(1 + prefix + 3 * chars);
      DataInputDeserializer in = new DataInputDeserializer(written);
      assertThat(in.readByte()).isEqualTo((byte) 0x55);
      assertThat(in.readVarInt()).isEqualTo(3 * chars);
      in.setBuffer(written, 1, written.length - 1);
      assertThat(in.readUTF()).isEqualTo(euros);
      assertThat(in.available()).isZero();
    }
  }

  @Test
  void bufferGrowsAndPositionCanBeMoved() {
    DataOutputSerializer out = new DataOutputSerializer(4);
    for (int i = 0; i < 1000; i++) {
      out.writeInt(i);
    }
    assertThat(out.length()).isEqualTo(4000);
    assertThat(out.getSharedBuffer().length).isGreaterThanOrEqualTo(4000);
    out.setPosition(4);
    out.writeInt(0x7FFFFFFF);
    out.setPosition(4000);
    DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 4, 4);
    assertThat(in.available()).isEqualTo(4);
    assertThat(in.getPosition()).isEqualTo(4);
    assertThat(in.skipBytes(0)).isZero();
    out.clear();
    assertThat(out.length()).isZero();
    assertThatThrownBy(() -> out.setPosition(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void stringsThroughForeignViewsUseTheSameFormat() throws IOException {
    ForeignOutput foreign = new ForeignOutput();
    StringSerializer.INSTANCE.serialize("ä😀", foreign);
    DataOutputSerializer own = new DataOutputSerializer(8);
    StringSerializer.INSTANCE.serialize("ä😀", own);
    assertThat(foreign.bytes.toByteArray()).containsExactly(own.getCopyOfBuffer());
    assertThat(StringSerializer.INSTANCE.deserialize(new ForeignInput(own.getCopyOfBuffer()))).isEqualTo("ä😀");
  }

  /** A view that is not one of ours and whose writeUTF has Java's modified UTF-8 format. */
  private static final class ForeignOutput extends DataOutputStream implements DataOutputView {
    final ByteArrayOutputStream bytes;

    ForeignOutput() {
      this(new ByteArrayOutputStream());
    }

    private ForeignOutput(ByteArrayOutputStream bytes) {
      super(bytes);
      this.bytes = bytes;
    }

    @Override
    public void writeVarInt(int value) throws IOException {
      DataOutputSerializer tmp = new DataOutputSerializer(5);
      tmp.writeVarInt(value);
      write(tmp.getCopyOfBuffer());
    }
  }

  private static final class ForeignInput extends DataInputStream implements DataInputView {
    ForeignInput(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int readVarInt() throws IOException {
      int value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = readByte();
        value |= (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }
  }
}
