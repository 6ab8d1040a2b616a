package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.read;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.PojoTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PojoSerializerTest {

  public static class Point {
    public int x;
    public Integer y;

    @Override
    public boolean equals(Object o) {
      return o instanceof Point && ((Point) o).x == x && Objects.equals(((Point) o).y, y);
    }

    @Override
    public int hashCode() {
      return Objects.hash(x, y);
    }
  }

  public static class BoxedPoint {
    public Integer x;
    public Integer y;
  }

  public static class AllKinds {
    public boolean flag;
    public byte tiny;
    public short small;
    public char letter;
    public int count;
    public long total;
    public float ratio;
    public double mean;
    public String name;
    public Long boxed;
    public long[] samples;
    public List<String> tags;
    public Map<String, Integer> counts;
    public Point origin;
    public Object anything;

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof AllKinds)) {
        return false;
      }
      AllKinds a = (AllKinds) o;
      return flag == a.flag && tiny == a.tiny && small == a.small && letter == a.letter && count == a.count
          && total == a.total && Float.compare(ratio, a.ratio) == 0 && Double.compare(mean, a.mean) == 0
          && Objects.equals(name, a.name) && Objects.equals(boxed, a.boxed) && Arrays.equals(samples, a.samples)
          && Objects.equals(tags, a.tags) && Objects.equals(counts, a.counts) && Objects.equals(origin, a.origin)
          && Objects.equals(anything, a.anything);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, count);
    }
  }

  public static class Bean {
    private String id;
    private int age;
    private boolean active;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public int getAge() {
      return age;
    }

    public void setAge(int age) {
      this.age = age;
    }

    public boolean isActive() {
      return active;
    }

    public void setActive(boolean active) {
      this.active = active;
    }

    @Override
    public boolean equals(Object o) {
      return o != null && o.getClass() == getClass() && Objects.equals(((Bean) o).id, id) && ((Bean) o).age == age
          && ((Bean) o).active == active;
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, age, active);
    }
  }

  /** A subclass that is not what the stream's type says: goes the dynamic (Kryo) way. */
  public static class SpecialBean extends Bean {
    public List<String> extras = new ArrayList<>();

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && ((SpecialBean) o).extras.equals(extras);
    }

    @Override
    public int hashCode() {
      return super.hashCode();
    }
  }

  public static class Envelope<T> {
    public T payload;
  }

  public static class TextEnvelope extends Envelope<String> {
    public long timestamp;
  }

  public static class Parent {
    public String inherited;
  }

  public static class Child extends Parent {
    public long own;
  }

  private static <T> TypeSerializer<T> serializerFor(Class<T> clazz) {
    TypeInformation<T> type = TypeInformation.of(clazz);
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    return SerializerFactory.create(type);
  }

  @Test
  void formatIsHeaderThenFieldsByNameWithMarkers() {
    TypeSerializer<Point> s = serializerFor(Point.class);
    Point p = new Point();
    p.x = 1;
    assertThat(bytes(s, p)).containsExactly(b(0, 1, 0, 0, 0, 1, 0));
    p.y = 2;
    assertThat(bytes(s, p)).containsExactly(b(0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 2));
    assertThat(s.getLength()).isEqualTo(-1);
  }

  @Test
  void primitiveAndBoxedFieldsShareTheFormat() {
    TypeSerializer<Point> primitive = serializerFor(Point.class);
    TypeSerializer<BoxedPoint> boxed = serializerFor(BoxedPoint.class);
    BoxedPoint b = new BoxedPoint();
    b.x = 42;
    b.y = -1;
    Point p = read(primitive, bytes(boxed, b));
    assertThat(p.x).isEqualTo(42);
    assertThat(p.y).isEqualTo(-1);
    BoxedPoint nullX = new BoxedPoint();
    assertThatThrownBy(() -> primitive.deserialize(new DataInputDeserializer(bytes(boxed, nullX))))
        .hasMessage("Member 'x' is primitive, but the data holds null for it");
  }

  @Test
  void everyFieldKindRoundTripsIncludingNulls() {
    TypeSerializer<AllKinds> s = serializerFor(AllKinds.class);
    AllKinds empty = new AllKinds();
    roundTrip(s, empty);

    AllKinds full = new AllKinds();
    full.flag = true;
    full.tiny = -3;
    full.small = 300;
    full.letter = 'ß';
    full.count = Integer.MIN_VALUE;
    full.total = Long.MAX_VALUE;
    full.ratio = Float.NaN;
    full.mean = -0.0;
    full.name = "näme 😀";
    full.boxed = 5L;
    full.samples = new long[] {1, 2, 3};
    full.tags = Arrays.asList("a", null, "c");
    full.counts = Map.of("k", 1);
    full.origin = new Point();
    full.anything = Tuple2.of(7L, List.of("dynamic"));
    AllKinds back = roundTrip(s, full);
    assertThat(back.tags).isInstanceOf(ArrayList.class);
  }

  @Test
  void copyIsDeep() {
    TypeSerializer<AllKinds> s = serializerFor(AllKinds.class);
    AllKinds value = new AllKinds();
    value.count = 9;
    value.samples = new long[] {4};
    value.tags = new ArrayList<>(List.of("t"));
    value.origin = new Point();
    value.anything = new ArrayList<>(List.of(1L));
    AllKinds copy = s.copy(value);
    assertThat(copy).isEqualTo(value).isNotSameAs(value);
    assertThat(copy.samples).isNotSameAs(value.samples);
    assertThat(copy.tags).isNotSameAs(value.tags);
    assertThat(copy.origin).isNotSameAs(value.origin);
    assertThat(copy.anything).isNotSameAs(value.anything);
  }

  @Test
  void privateFieldsWithGettersAndSetters() {
    TypeSerializer<Bean> s = serializerFor(Bean.class);
    Bean bean = new Bean();
    bean.setId("id-1");
    bean.setAge(33);
    bean.setActive(true);
    assertThat(bytes(s, bean)).containsExactly(b(0, 1, 1, 1, 0, 0, 0, 33, 1, 4, 'i', 'd', '-', '1'));
    roundTrip(s, bean);
    assertThat(s.copy(bean)).isEqualTo(bean).isNotSameAs(bean);
  }

  @Test
  void inheritedFieldsAreIncluded() {
    TypeSerializer<Child> s = serializerFor(Child.class);
    Child c = new Child();
    c.inherited = "from parent";
    c.own = 12;
    Child back = read(s, bytes(s, c));
    assertThat(back.inherited).isEqualTo("from parent");
    assertThat(back.own).isEqualTo(12);
  }

  @Test
  void fieldsOfAGenericBaseClassUseTheBoundType() {
    TypeSerializer<TextEnvelope> s = serializerFor(TextEnvelope.class);
    TextEnvelope e = new TextEnvelope();
    e.payload = "p";
    e.timestamp = 1;
    assertThat(bytes(s, e)).containsExactly(b(0, 1, 1, 'p', 1, 0, 0, 0, 0, 0, 0, 0, 1));
    TextEnvelope back = read(s, bytes(s, e));
    assertThat(back.payload).isEqualTo("p");
    assertThat(back.timestamp).isEqualTo(1);
  }

  @Test
  void subclassValuesGoThroughTheDynamicPath() {
    TypeSerializer<Bean> s = serializerFor(Bean.class);
    SpecialBean special = new SpecialBean();
    special.setId("s");
    special.extras.add("more");
    byte[] written = bytes(s, special);
    assertThat(written[0]).isEqualTo((byte) 1);
    assertThat(written[1]).isEqualTo((byte) 28);
    Bean back = read(s, written);
    assertThat(back).isInstanceOf(SpecialBean.class).isEqualTo(special);
    Bean copy = s.copy(special);
    assertThat(copy).isInstanceOf(SpecialBean.class).isEqualTo(special).isNotSameAs(special);
  }

  @Test
  void corruptHeaderIsReported() {
    TypeSerializer<Point> s = serializerFor(Point.class);
    assertThatThrownBy(() -> s.deserialize(new DataInputDeserializer(b(5))))
        .hasMessage("Corrupt data: POJO header 5 is neither 0 nor 1");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void mismatchedTypeInformationFailsClearly() {
    TypeSerializer<Point> s = new PojoSerializer<>(Point.class, new String[] {"z"},
        new TypeSerializer[] {IntSerializer.INSTANCE});
    assertThatThrownBy(() -> bytes(s, new Point()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("POJO " + Point.class.getName() + " has no field 'z': the type information does not match the class");
  }

  @Test
  void pojoTypesCanBeGivenExplicitly() {
    assertThat(Types.POJO(Point.class)).isEqualTo(TypeInformation.of(Point.class));
  }
}
