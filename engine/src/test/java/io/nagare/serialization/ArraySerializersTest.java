package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.PrimitiveArrayTypeInfo;
import io.nagare.api.typeinfo.Types;
import java.io.EOFException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArraySerializersTest {

  @Test
  void byteArraysAreLengthAndRawBytes() {
    TypeSerializer<byte[]> s = SerializerFactory.create(PrimitiveArrayTypeInfo.BYTE_ARRAY);
    assertThat(bytes(s, new byte[0])).containsExactly(b(0));
    assertThat(bytes(s, b(1, 0xFF, 3))).containsExactly(b(3, 1, 0xFF, 3));
    byte[] large = new byte[1 << 20];
    new Random(1).nextBytes(large);
    assertThat(read(s, bytes(s, large))).containsExactly(large);
    byte[] copy = s.copy(large);
    assertThat(copy).isNotSameAs(large).containsExactly(large);
  }

  @Test
  void longArrays() {
    TypeSerializer<long[]> s = SerializerFactory.create(PrimitiveArrayTypeInfo.LONG_ARRAY);
    long[] values = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};
    assertThat(bytes(s, values)).hasSize(1 + 5 * 8).startsWith(b(5, 0x80, 0, 0, 0, 0, 0, 0, 0));
    assertThat(read(s, bytes(s, values))).containsExactly(values);
    assertThat(read(s, bytes(s, new long[0]))).isEmpty();
    long[] large = new Random(2).longs(100_000).toArray();
    assertThat(bytes(s, large)).hasSize(3 + 800_000);
    assertThat(read(s, bytes(s, large))).containsExactly(large);
    assertThat(s.copy(values)).isNotSameAs(values).containsExactly(values);
  }

  @Test
  void intShortCharAndBooleanArrays() {
    TypeSerializer<int[]> ints = SerializerFactory.create(PrimitiveArrayTypeInfo.INT_ARRAY);
    int[] intValues = {Integer.MIN_VALUE, 0, 7, Integer.MAX_VALUE};
    assertThat(bytes(ints, intValues)).hasSize(1 + 16);
    assertThat(read(ints, bytes(ints, intValues))).containsExactly(intValues);
    assertThat(ints.copy(intValues)).isNotSameAs(intValues).containsExactly(intValues);

    TypeSerializer<short[]> shorts = SerializerFactory.create(PrimitiveArrayTypeInfo.SHORT_ARRAY);
    short[] shortValues = {Short.MIN_VALUE, 0, Short.MAX_VALUE};
    assertThat(bytes(shorts, shortValues)).containsExactly(b(3, 0x80, 0, 0, 0, 0x7F, 0xFF));
    assertThat(read(shorts, bytes(shorts, shortValues))).containsExactly(shortValues);
    assertThat(shorts.copy(shortValues)).isNotSameAs(shortValues).containsExactly(shortValues);

    TypeSerializer<char[]> chars = SerializerFactory.create(PrimitiveArrayTypeInfo.CHAR_ARRAY);
    char[] charValues = "a😀ü".toCharArray();
    assertThat(bytes(chars, charValues)).hasSize(1 + 8);
    assertThat(read(chars, bytes(chars, charValues))).containsExactly(charValues);
    assertThat(chars.copy(charValues)).isNotSameAs(charValues).containsExactly(charValues);

    TypeSerializer<boolean[]> booleans = SerializerFactory.create(PrimitiveArrayTypeInfo.BOOLEAN_ARRAY);
    boolean[] booleanValues = {true, false, true};
    assertThat(bytes(booleans, booleanValues)).containsExactly(b(3, 1, 0, 1));
    assertThat(read(booleans, bytes(booleans, booleanValues))).containsExactly(booleanValues);
    assertThat(booleans.copy(booleanValues)).isNotSameAs(booleanValues).containsExactly(booleanValues);
  }

  @Test
  void floatingPointArraysKeepNaNBits() {
    TypeSerializer<double[]> doubles = SerializerFactory.create(PrimitiveArrayTypeInfo.DOUBLE_ARRAY);
    double[] doubleValues = {Double.NaN, -0.0, Double.NEGATIVE_INFINITY, 1e-300, Double.longBitsToDouble(0x7FF8000000000001L)};
    double[] doubleBack = read(doubles, bytes(doubles, doubleValues));
    assertThat(bytes(doubles, doubleValues)).hasSize(1 + 40);
    for (int i = 0; i < doubleValues.length; i++) {
      assertThat(Double.doubleToRawLongBits(doubleBack[i])).isEqualTo(Double.doubleToRawLongBits(doubleValues[i]));
    }
    assertThat(doubles.copy(doubleValues)).isNotSameAs(doubleValues);

    TypeSerializer<float[]> floats = SerializerFactory.create(PrimitiveArrayTypeInfo.FLOAT_ARRAY);
    float[] floatValues = {Float.NaN, -0.0f, 3.25f};
    assertThat(bytes(floats, floatValues)).containsExactly(b(3, 0x7F, 0xC0, 0, 0, 0x80, 0, 0, 0, 0x40, 0x50, 0, 0));
    assertThat(read(floats, bytes(floats, floatValues))).containsExactly(floatValues);
    assertThat(floats.copy(floatValues)).isNotSameAs(floatValues).containsExactly(floatValues);
  }

  @Test
  void corruptLengthFailsBeforeAllocating() {
    TypeSerializer<long[]> s = LongArraySerializer.INSTANCE;
    assertThatThrownBy(() -> s.deserialize(new DataInputDeserializer(b(0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, 2))))
        .isInstanceOf(EOFException.class)
        .hasMessage("Corrupt data: 2147483647 elements of 8 bytes announced, 2 bytes left");
  }

  @Test
  void objectArraysAllowNullElements() {
    TypeSerializer<String[]> s = SerializerFactory.create(Types.OBJECT_ARRAY(Types.STRING));
    String[] values = {"a", null, "ü"};
    assertThat(bytes(s, values)).containsExactly(b(3, 1, 1, 'a', 0, 1, 2, 0xC3, 0xBC));
    String[] back = read(s, bytes(s, values));
    assertThat(back).isInstanceOf(String[].class).containsExactly(values);
    assertThat(read(s, bytes(s, new String[0]))).isEmpty();
    String[] copy = s.copy(values);
    assertThat(copy).isNotSameAs(values).containsExactly(values);
  }

  @Test
  void nestedObjectArraysAreDeepCopied() {
    TypeSerializer<Long[][]> s = SerializerFactory.create(Types.OBJECT_ARRAY(Types.OBJECT_ARRAY(Types.LONG)));
    Long[][] values = {{1L, null}, null, {}};
    Long[][] back = read(s, bytes(s, values));
    assertThat(back).isInstanceOf(Long[][].class);
    assertThat(back).isDeepEqualTo(values);
    Long[][] copy = s.copy(values);
    assertThat(copy).isDeepEqualTo(values);
    assertThat(copy[0]).isNotSameAs(values[0]);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void arraysOfTuples() {
    TypeSerializer<Tuple2<Long, String>[]> s = (TypeSerializer<Tuple2<Long, String>[]>) (TypeSerializer<?>)
        SerializerFactory.create(Types.OBJECT_ARRAY(Types.TUPLE(Types.LONG, Types.STRING)));
    Tuple2<Long, String>[] values = new Tuple2[] {Tuple2.of(1L, "one"), null};
    Tuple2<Long, String>[] back = read(s, bytes(s, values));
    assertThat(back).isInstanceOf(Tuple2[].class).containsExactly(values);
    Tuple2<Long, String>[] copy = s.copy(values);
    assertThat(copy[0]).isEqualTo(values[0]).isNotSameAs(values[0]);
  }
}
