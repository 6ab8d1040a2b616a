package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.read;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.Types;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BasicSerializersTest {

  @Test
  void longsAreEightBigEndianBytes() {
    TypeSerializer<Long> s = SerializerFactory.create(Types.LONG);
    assertThat(s.getLength()).isEqualTo(8);
    assertThat(bytes(s, 1L)).containsExactly(b(0, 0, 0, 0, 0, 0, 0, 1));
    assertThat(bytes(s, Long.MIN_VALUE)).containsExactly(b(0x80, 0, 0, 0, 0, 0, 0, 0));
    assertThat(bytes(s, -1L)).containsExactly(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
    for (long v : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1234567890123L}) {
      roundTrip(s, v);
    }
  }

  @Test
  void intsAreFourBigEndianBytes() {
    TypeSerializer<Integer> s = SerializerFactory.create(Types.INT);
    assertThat(s.getLength()).isEqualTo(4);
    assertThat(bytes(s, 0x01020304)).containsExactly(b(1, 2, 3, 4));
    for (int v : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      roundTrip(s, v);
    }
  }

  @Test
  void shortsBytesBooleansAndChars() {
    TypeSerializer<Short> shorts = SerializerFactory.create(Types.SHORT);
    assertThat(shorts.getLength()).isEqualTo(2);
    assertThat(bytes(shorts, (short) -2)).containsExactly(b(0xFF, 0xFE));
    roundTrip(shorts, Short.MIN_VALUE);
    roundTrip(shorts, Short.MAX_VALUE);

    TypeSerializer<Byte> bytes = SerializerFactory.create(Types.BYTE);
    assertThat(bytes.getLength()).isEqualTo(1);
    assertThat(bytes(bytes, (byte) -128)).containsExactly(b(0x80));
    roundTrip(bytes, Byte.MAX_VALUE);

    TypeSerializer<Boolean> booleans = SerializerFactory.create(Types.BOOLEAN);
    assertThat(booleans.getLength()).isEqualTo(1);
    assertThat(bytes(booleans, true)).containsExactly(b(1));
    assertThat(bytes(booleans, false)).containsExactly(b(0));
    assertThat(read(booleans, b(7))).isTrue();
    roundTrip(booleans, true);
    roundTrip(booleans, false);

    TypeSerializer<Character> chars = SerializerFactory.create(Types.CHAR);
    assertThat(chars.getLength()).isEqualTo(2);
    assertThat(bytes(chars, 'é')).containsExactly(b(0x00, 0xE9));
    roundTrip(chars, '\uFFFF');
    roundTrip(chars, '\uD83D');
  }

  @Test
  void floatsAndDoublesKeepTheirExactBits() {
    TypeSerializer<Double> doubles = SerializerFactory.create(Types.DOUBLE);
    assertThat(doubles.getLength()).isEqualTo(8);
    assertThat(bytes(doubles, 1.0)).containsExactly(b(0x3F, 0xF0, 0, 0, 0, 0, 0, 0));
    for (double v : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE}) {
      roundTrip(doubles, v);
    }
    double payloadNaN = Double.longBitsToDouble(0x7FF0000000000123L);
    assertThat(Double.doubleToRawLongBits(read(doubles, bytes(doubles, payloadNaN)))).isEqualTo(0x7FF0000000000123L);
    assertThat(Double.doubleToRawLongBits(read(doubles, bytes(doubles, -0.0)))).isEqualTo(Long.MIN_VALUE);

    TypeSerializer<Float> floats = SerializerFactory.create(Types.FLOAT);
    assertThat(floats.getLength()).isEqualTo(4);
    assertThat(bytes(floats, 1.0f)).containsExactly(b(0x3F, 0x80, 0, 0));
    for (float v : new float[] {0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE}) {
      roundTrip(floats, v);
    }
    float payloadNaN32 = Float.intBitsToFloat(0x7FC00042);
    assertThat(Float.floatToRawIntBits(read(floats, bytes(floats, payloadNaN32)))).isEqualTo(0x7FC00042);
  }

  @Test
  void stringsAreVarIntLengthAndUtf8() {
    TypeSerializer<String> s = SerializerFactory.create(Types.STRING);
    assertThat(s.getLength()).isEqualTo(-1);
    assertThat(bytes(s, "")).containsExactly(b(0));
    assertThat(bytes(s, "ab")).containsExactly(b(2, 'a', 'b'));
    assertThat(bytes(s, "é")).containsExactly(b(2, 0xC3, 0xA9));
    assertThat(bytes(s, "€")).containsExactly(b(3, 0xE2, 0x82, 0xAC));
    assertThat(bytes(s, "😀")).containsExactly(b(4, 0xF0, 0x9F, 0x98, 0x80));
    for (String v : new String[] {"", "a", "héllo wörld", "日本語テキスト", "emoji 😀 and 𝄞 clef", "\u0000nul", "\u07FF\u0800\uFFFF"}) {
      roundTrip(s, v);
    }
  }

  @Test
  void longStringsUseMultiByteLengths() {
    TypeSerializer<String> s = StringSerializer.INSTANCE;
    String ascii = "x".repeat(128);
    assertThat(bytes(s, ascii)).hasSize(130).startsWith(b(0x80, 0x01));
    String big = "ü😀".repeat(50_000);
    byte[] utf8 = big.getBytes(StandardCharsets.UTF_8);
    byte[] written = bytes(s, big);
    assertThat(written).hasSize(3 + utf8.length).startsWith(b(0xE0, 0xA7, 0x12));
    assertThat(utf8.length).isEqualTo(300_000);
    roundTrip(s, big);
  }

  @Test
  void unpairedSurrogatesBecomeQuestionMarksLikeStringGetBytes() {
    String broken = "a\uD800b\uDC00";
    assertThat(bytes(StringSerializer.INSTANCE, broken)).containsExactly(b(4, 'a', '?', 'b', '?'));
    assertThat(read(StringSerializer.INSTANCE, bytes(StringSerializer.INSTANCE, broken))).isEqualTo("a?b?");
    assertThat(broken.getBytes(StandardCharsets.UTF_8)).containsExactly(b('a', '?', 'b', '?'));
  }

  @Test
  void bigIntegersAreLengthAndTwosComplement() {
    TypeSerializer<BigInteger> s = SerializerFactory.create(Types.BIG_INT);
    assertThat(bytes(s, BigInteger.ZERO)).containsExactly(b(1, 0));
    assertThat(bytes(s, BigInteger.valueOf(-1))).containsExactly(b(1, 0xFF));
    assertThat(bytes(s, BigInteger.valueOf(256))).containsExactly(b(2, 1, 0));
    roundTrip(s, new BigInteger("-123456789012345678901234567890123456789"));
    roundTrip(s, BigInteger.TWO.pow(4000));
  }

  @Test
  void bigDecimalsKeepTheirScale() {
    TypeSerializer<BigDecimal> s = SerializerFactory.create(Types.BIG_DEC);
    assertThat(bytes(s, new BigDecimal("1.5"))).containsExactly(b(1, 15, 0, 0, 0, 1));
    BigDecimal oneTwoDigits = read(s, bytes(s, new BigDecimal("1.00")));
    assertThat(oneTwoDigits.scale()).isEqualTo(2);
    assertThat(oneTwoDigits).isEqualTo(new BigDecimal("1.00"));
    roundTrip(s, new BigDecimal("-98765432109876543210.0123456789"));
    roundTrip(s, new BigDecimal("1E+30"));
    assertThat(read(s, bytes(s, new BigDecimal("1E+30"))).scale()).isEqualTo(-30);
  }

  @Test
  void voidIsZeroBytes() {
    TypeSerializer<Void> s = SerializerFactory.create(Types.VOID);
    assertThat(s.getLength()).isZero();
    assertThat(bytes(s, null)).isEmpty();
    assertThat(read(s, new byte[0])).isNull();
    assertThat(s.copy(null)).isNull();
  }

  @Test
  void immutableValuesAreCopiedAsThemselves() {
    String text = new String("text");
    assertThat(StringSerializer.INSTANCE.copy(text)).isSameAs(text);
    BigDecimal decimal = new BigDecimal("2.5");
    assertThat(BigDecimalSerializer.INSTANCE.copy(decimal)).isSameAs(decimal);
    Long big = 123456789L;
    assertThat(LongSerializer.INSTANCE.copy(big)).isSameAs(big);
  }

  @Test
  void truncatedInputFailsWithEofInsteadOfReadingGarbage() {
    assertThatThrownBy(() -> read(LongSerializer.INSTANCE, b(1, 2, 3)))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(EOFException.class);
    assertThatThrownBy(() -> read(StringSerializer.INSTANCE, b(5, 'a', 'b')))
        .hasCauseInstanceOf(EOFException.class);
  }
}
