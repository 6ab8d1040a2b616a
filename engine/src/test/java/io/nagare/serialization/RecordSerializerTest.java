package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.read;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.RecordTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordSerializerTest {

  record Point(int x, int y) {}

  record Segment(Point from, Point to, String label) {}

  record Bag(List<String> items, Map<String, Point> named, double weight, Object extra) {}

  record Positive(long value) {
    Positive {
      if (value < 0) {
        throw new IllegalArgumentException("value must not be negative: " + value);
      }
    }
  }

  private record Secret(String text) {}

  record Empty() {}

  private static <T> TypeSerializer<T> serializerFor(Class<T> clazz) {
    TypeInformation<T> type = TypeInformation.of(clazz);
    assertThat(type).isInstanceOf(RecordTypeInfo.class);
    return SerializerFactory.create(type);
  }

  @Test
  void componentsInDeclarationOrderWithMarkers() {
    TypeSerializer<Point> s = serializerFor(Point.class);
    assertThat(bytes(s, new Point(1, 2))).containsExactly(b(1, 0, 0, 0, 1, 1, 0, 0, 0, 2));
    roundTrip(s, new Point(Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void nestedRecordsAndNullComponents() {
    TypeSerializer<Segment> s = serializerFor(Segment.class);
    roundTrip(s, new Segment(new Point(0, 0), new Point(3, 4), "diagonal"));
    roundTrip(s, new Segment(null, new Point(1, 1), null));
    assertThat(bytes(s, new Segment(null, null, null))).containsExactly(b(0, 0, 0));
  }

  @Test
  void collectionsAndGenericComponents() {
    TypeSerializer<Bag> s = serializerFor(Bag.class);
    Bag bag = new Bag(List.of("a", "b"), Map.of("p", new Point(5, 6)), 2.5, List.of(1L, "two"));
    Bag back = roundTrip(s, bag);
    assertThat(back.items()).isInstanceOf(ArrayList.class);
    Bag copy = s.copy(bag);
    assertThat(copy).isEqualTo(bag).isNotSameAs(bag);
    assertThat(copy.items()).isNotSameAs(bag.items());
    assertThat(copy.named().get("p")).isEqualTo(new Point(5, 6)).isNotSameAs(bag.named().get("p"));
  }

  @Test
  void restoredStateGoesThroughTheCanonicalConstructor() {
    TypeSerializer<Positive> s = serializerFor(Positive.class);
    roundTrip(s, new Positive(7));
    assertThatThrownBy(() -> read(s, b(1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must not be negative: -1");
  }

  @Test
  void nonPublicRecordsAndEmptyRecords() {
    roundTrip(serializerFor(Secret.class), new Secret("hidden"));
    TypeSerializer<Empty> empty = serializerFor(Empty.class);
    assertThat(bytes(empty, new Empty())).isEmpty();
    roundTrip(empty, new Empty());
  }

  @Test
  void valuesBackToBackAndAfterDuplicate() throws Exception {
    TypeSerializer<Segment> s = serializerFor(Segment.class);
    TypeSerializer<Segment> other = s.duplicate();
    assertThat(other).isNotSameAs(s);
    DataOutputSerializer out = new DataOutputSerializer(4);
    for (int i = 0; i < 50; i++) {
      s.serialize(new Segment(new Point(i, -i), null, "s" + i), out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (int i = 0; i < 50; i++) {
      assertThat(other.deserialize(in)).isEqualTo(new Segment(new Point(i, -i), null, "s" + i));
    }
    assertThat(in.available()).isZero();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void mismatchedComponentsFailClearly() {
    TypeSerializer<Point> s = new RecordSerializer<>(Point.class, new String[] {"y", "x"},
        new TypeSerializer[] {IntSerializer.INSTANCE, IntSerializer.INSTANCE});
    assertThatThrownBy(() -> bytes(s, new Point(1, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Record " + Point.class.getName()
            + " does not have the components y, x in this order: the type information does not match the class");
  }
}
