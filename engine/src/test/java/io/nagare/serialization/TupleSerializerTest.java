package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple1;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.tuple.Tuple3;
import io.nagare.api.tuple.Tuple4;
import io.nagare.api.tuple.Tuple5;
import io.nagare.api.typeinfo.PrimitiveArrayTypeInfo;
import io.nagare.api.typeinfo.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TupleSerializerTest {

  @Test
  void fieldsAreWrittenInOrderWithoutMarkers() {
    TypeSerializer<Tuple2<Long, Integer>> s = SerializerFactory.create(Types.TUPLE(Types.LONG, Types.INT));
    assertThat(s.getLength()).isEqualTo(12);
    assertThat(bytes(s, Tuple2.of(1L, 2))).containsExactly(b(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2));
    Tuple2<Long, Integer> back = roundTrip(s, Tuple2.of(Long.MIN_VALUE, -7));
    assertThat(back.getClass()).isEqualTo(Tuple2.class);
  }

  @Test
  void everyArityRoundTrips() {
    roundTrip(SerializerFactory.<Tuple1<String>>create(Types.TUPLE(Types.STRING)), Tuple1.of("solo"));
    TypeSerializer<Tuple3<String, Double, Boolean>> three =
        SerializerFactory.create(Types.TUPLE(Types.STRING, Types.DOUBLE, Types.BOOLEAN));
    assertThat(three.getLength()).isEqualTo(-1);
    roundTrip(three, Tuple3.of("", Double.NaN, true));
    TypeSerializer<Tuple4<Short, Byte, Character, Float>> four =
        SerializerFactory.create(Types.TUPLE(Types.SHORT, Types.BYTE, Types.CHAR, Types.FLOAT));
    assertThat(four.getLength()).isEqualTo(2 + 1 + 2 + 4);
    roundTrip(four, Tuple4.of((short) 3, (byte) -1, 'x', 0.5f));
    TypeSerializer<Tuple5<Long, Long, Long, Long, Long>> five =
        SerializerFactory.create(Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, Types.LONG, Types.LONG));
    assertThat(five.getLength()).isEqualTo(40);
    roundTrip(five, Tuple5.of(1L, 2L, 3L, 4L, 5L));
  }

  @Test
  void nullFieldsAreRejectedNamingThePosition() {
    TypeSerializer<Tuple3<Long, String, Long>> s = SerializerFactory.create(Types.TUPLE(Types.LONG, Types.STRING, Types.LONG));
    assertThatThrownBy(() -> bytes(s, Tuple3.of(1L, null, 3L)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Field f1 of Tuple3 (1,null,3) is null: tuple fields must not be null when records travel"
            + " between subtasks or live in state");
  }

  @Test
  void copyIsDeep() {
    TypeSerializer<Tuple2<List<String>, byte[]>> s =
        SerializerFactory.create(Types.TUPLE(Types.LIST(Types.STRING), PrimitiveArrayTypeInfo.BYTE_ARRAY));
    List<String> list = new ArrayList<>(List.of("a", "b"));
    Tuple2<List<String>, byte[]> value = Tuple2.of(list, b(1, 2));
    Tuple2<List<String>, byte[]> copy = s.copy(value);
    assertThat(copy).isNotSameAs(value);
    assertThat(copy.f0).isEqualTo(list).isNotSameAs(list);
    assertThat(copy.f1).containsExactly(1, 2).isNotSameAs(value.f1);
  }
}
