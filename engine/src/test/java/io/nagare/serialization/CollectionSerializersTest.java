package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.read;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.TypeHint;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CollectionSerializersTest {

  @Test
  void listsAreSizeAndNullableElements() {
    TypeSerializer<List<Long>> s = SerializerFactory.create(Types.LIST(Types.LONG));
    assertThat(bytes(s, List.of())).containsExactly(b(0));
    assertThat(bytes(s, Arrays.asList(5L, null))).containsExactly(b(2, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0));
    List<Long> back = roundTrip(s, Arrays.asList(1L, null, Long.MIN_VALUE));
    assertThat(back).isInstanceOf(ArrayList.class);
    assertThat(roundTrip(s, new LinkedList<>(List.of(3L, 4L)))).isInstanceOf(ArrayList.class);
  }

  @Test
  void largeListsRoundTrip() {
    TypeSerializer<List<String>> s = SerializerFactory.create(Types.LIST(Types.STRING));
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      values.add("element-" + i);
    }
    roundTrip(s, values);
  }

  @Test
  void listCopyIsDeepAndMutable() {
    TypeSerializer<List<List<String>>> s = SerializerFactory.create(Types.LIST(Types.LIST(Types.STRING)));
    List<List<String>> value = List.of(new ArrayList<>(List.of("x")), List.of());
    List<List<String>> copy = s.copy(value);
    assertThat(copy).isEqualTo(value).isInstanceOf(ArrayList.class);
    assertThat(copy.get(0)).isNotSameAs(value.get(0));
    copy.get(1).add("mutable");
    assertThat(value.get(1)).isEmpty();
  }

  @Test
  void mapsAreSizeKeysAndNullableValues() {
    TypeSerializer<Map<String, Integer>> s = SerializerFactory.create(Types.MAP(Types.STRING, Types.INT));
    Map<String, Integer> single = new HashMap<>();
    single.put("k", null);
    assertThat(bytes(s, single)).containsExactly(b(1, 1, 'k', 0));
    assertThat(bytes(s, Map.of("a", 7))).containsExactly(b(1, 1, 'a', 1, 0, 0, 0, 7));
    Map<String, Integer> values = new HashMap<>();
    values.put("one", 1);
    values.put("none", null);
    values.put("", Integer.MIN_VALUE);
    assertThat(roundTrip(s, values)).isInstanceOf(HashMap.class);
    assertThat(roundTrip(s, new TreeMap<>(Map.of("b", 2, "a", 1)))).isInstanceOf(HashMap.class);
  }

  @Test
  void nullMapKeysAreRejected() {
    TypeSerializer<Map<String, Integer>> s = SerializerFactory.create(Types.MAP(Types.STRING, Types.INT));
    Map<String, Integer> values = new HashMap<>();
    values.put(null, 1);
    assertThatThrownBy(() -> bytes(s, values))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Map keys must not be null (map {null=1})");
  }

  @Test
  void nestedGenericsRoundTripAndCopyDeeply() {
    TypeInformation<Map<String, List<Tuple2<Long, String>>>> type =
        TypeInformation.of(new TypeHint<Map<String, List<Tuple2<Long, String>>>>() {});
    TypeSerializer<Map<String, List<Tuple2<Long, String>>>> s = SerializerFactory.create(type);
    Map<String, List<Tuple2<Long, String>>> value = new HashMap<>();
    value.put("a", new ArrayList<>(List.of(Tuple2.of(1L, "x"), Tuple2.of(2L, "ÿ😀"))));
    value.put("empty", new ArrayList<>());
    value.put("null", null);
    roundTrip(s, value);
    Map<String, List<Tuple2<Long, String>>> copy = s.copy(value);
    assertThat(copy).isEqualTo(value).isNotSameAs(value);
    assertThat(copy.get("a")).isNotSameAs(value.get("a"));
    assertThat(copy.get("a").get(0)).isNotSameAs(value.get("a").get(0));
    assertThat(s.duplicate()).isSameAs(s);
  }

  @Test
  void valuesWrittenBackToBackAreReadInOrder() throws Exception {
    TypeSerializer<Map<String, List<Long>>> maps = SerializerFactory.create(Types.MAP(Types.STRING, Types.LIST(Types.LONG)));
    TypeSerializer<String> strings = SerializerFactory.create(Types.STRING);
    TypeSerializer<Long> longs = SerializerFactory.create(Types.LONG);
    DataOutputSerializer out = new DataOutputSerializer(8);
    for (int i = 0; i < 100; i++) {
      maps.serialize(Map.of("k" + i, List.of((long) i, (long) -i)), out);
      strings.serialize("s" + i, out);
      longs.serialize((long) i, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (int i = 0; i < 100; i++) {
      assertThat(maps.deserialize(in)).isEqualTo(Map.of("k" + i, List.of((long) i, (long) -i)));
      assertThat(strings.deserialize(in)).isEqualTo("s" + i);
      assertThat(longs.deserialize(in)).isEqualTo(i);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void corruptNullMarkersAreReported() {
    TypeSerializer<List<Long>> s = SerializerFactory.create(Types.LIST(Types.LONG));
    assertThatThrownBy(() -> s.deserialize(new DataInputDeserializer(b(1, 9))))
        .hasMessage("Corrupt data: null marker 9 is neither 0 nor 1");
    assertThat(read(s, b(1, 0))).containsExactly((Long) null);
  }
}
