package io.nagare.api.typeinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.functions.Collector;
import io.nagare.api.functions.FlatMapFunction;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.tuple.Tuple2;
import java.lang.reflect.Field;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TypeExtractorTest {

  private static final TypeInformation<Object> GENERIC_OBJECT = new GenericTypeInfo<>(Object.class);

  public static class PublicFields {
    public String name;
    public int count;
    public List<Long> values;
  }

  public static class Bean {
    private String id;
    private boolean active;
    private transient Object cache;
    private static int instances;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public boolean isActive() {
      return active;
    }

    public void setActive(boolean active) {
      this.active = active;
    }
  }

  public static class BaseBean {
    private long created;

    public long getCreated() {
      return created;
    }

    public void setCreated(long created) {
      this.created = created;
    }
  }

  public static class DerivedBean extends BaseBean {
    public String label;
  }

  public static class Envelope<T> {
    public T payload;
    public List<T> history;
  }

  public static class TextEnvelope extends Envelope<String> {
    public long timestamp;
  }

  public static class Node {
    public int value;
    public Node next;
  }

  public static class Named {
    public String name;

    public Named() {}

    public Named(String name) {
      this.name = name;
    }
  }

  static class PackagePrivate {
    public int x;
  }

  public abstract static class Abstract {
    public int x;
  }

  public class Inner {
    public int x;
  }

  public static class NoDefaultConstructor {
    public int x;

    public NoDefaultConstructor(int x) {
      this.x = x;
    }
  }

  public static class PrivateConstructor {
    public int x;

    private PrivateConstructor() {}
  }

  public static class Hidden {
    private int secret;

    public int getSecret() {
      return secret;
    }
  }

  public static class WrongAccessorTypes {
    private boolean flag;

    public String getFlag() {
      return "";
    }

    public boolean isFlag() {
      return flag;
    }

    public void setFlag(String flag) {}

    public void setFlag(boolean flag) {
      this.flag = flag;
    }
  }

  record Point(int x, long y) {}

  record Shape(String name, List<Point> corners, Point center) {}

  enum Level { LOW, HIGH }

  public abstract static class ListingMapper<T> implements MapFunction<T, List<T>> {}

  public static class StringListingMapper extends ListingMapper<String> {
    @Override
    public List<String> map(String value) {
      return List.of(value);
    }
  }

  public abstract static class Swapped<A, B> implements MapFunction<B, A> {}

  public static class LongFromString extends Swapped<Long, String> {
    @Override
    public Long map(String value) {
      return Long.parseLong(value);
    }
  }

  private static <T> MapFunction<T, T> identity() {
    return x -> x;
  }

  private static <T> TypeInformation<T> hintOfTypeVariable() {
    return TypeInformation.of(new TypeHint<T>() {});
  }

  @Test
  void anonymousClassFunctions() {
    MapFunction<String, Integer> length = new MapFunction<String, Integer>() {
      @Override
      public Integer map(String value) {
        return value.length();
      }
    };
    assertThat(TypeExtractor.<Integer>getParameterType(length, MapFunction.class, 1, true)).isSameAs(Types.INT);
    assertThat(TypeExtractor.<String>getParameterType(length, MapFunction.class, 0, true)).isSameAs(Types.STRING);

    RichMapFunction<Long, Tuple2<String, Long>> rich = new RichMapFunction<>() {
      @Override
      public Tuple2<String, Long> map(Long value) {
        return Tuple2.of("k", value);
      }
    };
    assertThat(TypeExtractor.<Tuple2<String, Long>>getParameterType(rich, MapFunction.class, 1, true))
        .isEqualTo(Types.TUPLE(Types.STRING, Types.LONG));
  }

  @Test
  void lambdasThroughSerializedLambda() {
    MapFunction<Long, Long> doubled = x -> x * 2;
    assertThat(TypeExtractor.<Long>getParameterType(doubled, MapFunction.class, 1, true)).isSameAs(Types.LONG);
    KeySelector<String, Character> first = s -> s.charAt(0);
    assertThat(TypeExtractor.<Character>getParameterType(first, KeySelector.class, 1, true)).isSameAs(Types.CHAR);
    MapFunction<String, List<String>> listed = s -> List.of(s);
    assertThat(TypeExtractor.<List<String>>getParameterType(listed, MapFunction.class, 1, true))
        .isEqualTo(new ListTypeInfo<>(GENERIC_OBJECT));
  }

  @Test
  void methodAndConstructorReferences() {
    MapFunction<String, Integer> length = String::length;
    assertThat(TypeExtractor.<Integer>getParameterType(length, MapFunction.class, 1, true)).isSameAs(Types.INT);
    MapFunction<String, Named> named = Named::new;
    assertThat(TypeExtractor.<Named>getParameterType(named, MapFunction.class, 1, true))
        .isEqualTo(new PojoTypeInfo<>(Named.class, List.of(new PojoField("name", Types.STRING))));
    MapFunction<Optional<String>, String> unwrap = Optional::get;
    assertThat(TypeExtractor.<String>getParameterType(unwrap, MapFunction.class, 1, true)).isSameAs(Types.STRING);
  }

  @Test
  void erasedLambdaTypesBecomeGeneric() {
    assertThat(TypeExtractor.<Object>getParameterType(identity(), MapFunction.class, 1, true)).isEqualTo(GENERIC_OBJECT);
    FlatMapFunction<String, Integer> split = (String s, Collector<Integer> out) -> out.collect(s.length());
    assertThat(TypeExtractor.<Integer>getParameterType(split, FlatMapFunction.class, 1, false)).isEqualTo(GENERIC_OBJECT);
    java.util.function.Function<String, Integer> notSerializable = String::length;
    assertThat(TypeExtractor.<Integer>getParameterType(notSerializable, java.util.function.Function.class, 1, true))
        .isEqualTo(GENERIC_OBJECT);
  }

  @Test
  void rawTupleFromALambdaHasGenericFields() {
    MapFunction<Long, Tuple2<Long, Long>> keyed = i -> Tuple2.of(i % 10, i);
    TypeInformation<Tuple2<Long, Long>> type = TypeExtractor.getParameterType(keyed, MapFunction.class, 1, true);
    assertThat(type).isInstanceOf(TupleTypeInfo.class);
    TupleTypeInfo<?> tuple = (TupleTypeInfo<?>) type;
    assertThat(tuple.getTypeClass()).isEqualTo(Tuple2.class);
    assertThat(tuple.getFieldTypes()).containsExactly(GENERIC_OBJECT, GENERIC_OBJECT);
    assertThat(type.isGeneric()).isTrue();
  }

  @Test
  void typeVariablesResolveThroughGenericHierarchies() {
    assertThat(TypeExtractor.<List<String>>getParameterType(new StringListingMapper(), MapFunction.class, 1, true))
        .isEqualTo(new ListTypeInfo<>(Types.STRING));
    assertThat(TypeExtractor.<Long>getParameterType(new LongFromString(), MapFunction.class, 1, true)).isSameAs(Types.LONG);
    assertThat(TypeExtractor.<String>getParameterType(new LongFromString(), MapFunction.class, 0, true)).isSameAs(Types.STRING);
  }

  @Test
  void typeHintsCaptureFullGenericTypes() {
    TypeInformation<Map<String, List<Long>>> type = TypeInformation.of(new TypeHint<Map<String, List<Long>>>() {});
    assertThat(type).isEqualTo(new MapTypeInfo<>(Types.STRING, new ListTypeInfo<>(Types.LONG)));
    assertThat(type.isGeneric()).isFalse();
    assertThat(TypeInformation.of(new TypeHint<Tuple2<String, long[]>>() {}))
        .isEqualTo(Types.TUPLE(Types.STRING, PrimitiveArrayTypeInfo.LONG_ARRAY));
    assertThat(TypeInformation.of(new TypeHint<List<? extends Number>>() {}))
        .isEqualTo(new ListTypeInfo<>(new GenericTypeInfo<>(Number.class)));
    assertThatThrownBy(TypeExtractorTest::hintOfTypeVariable)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The type of TypeHint could not be determined: create it as an anonymous subclass with a concrete"
            + " type argument, e.g. new TypeHint<String>(...) {}, or pass the type information explicitly.");
  }

  @Test
  void basicArrayEnumAndGenericClasses() {
    assertThat(TypeInformation.of(long.class)).isSameAs(Types.LONG);
    assertThat(TypeInformation.of(Integer.class)).isSameAs(Types.INT);
    assertThat(TypeInformation.of(byte[].class)).isSameAs(PrimitiveArrayTypeInfo.BYTE_ARRAY);
    assertThat(TypeInformation.of(String[].class)).isEqualTo(Types.OBJECT_ARRAY(Types.STRING));
    assertThat(TypeInformation.of(Level.class)).isEqualTo(Types.ENUM(Level.class));
    assertThat(TypeInformation.of(TimeUnit.class)).isEqualTo(Types.ENUM(TimeUnit.class));
    assertThat(TypeInformation.of(Object.class)).isEqualTo(GENERIC_OBJECT);
    assertThat(TypeInformation.of(Runnable.class)).isEqualTo(new GenericTypeInfo<>(Runnable.class));
  }

  @Test
  void pojosWithPublicFieldsAreSortedByName() {
    assertThat(TypeInformation.of(PublicFields.class)).isEqualTo(new PojoTypeInfo<>(PublicFields.class, List.of(
        new PojoField("count", Types.INT),
        new PojoField("name", Types.STRING),
        new PojoField("values", new ListTypeInfo<>(Types.LONG)))));
  }

  @Test
  void pojosWithGettersAndSettersSkipStaticAndTransientFields() {
    assertThat(TypeExtractor.whyNotPojo(Bean.class)).isNull();
    assertThat(TypeInformation.of(Bean.class)).isEqualTo(new PojoTypeInfo<>(Bean.class, List.of(
        new PojoField("active", Types.BOOLEAN), new PojoField("id", Types.STRING))));
    assertThat(TypeInformation.of(DerivedBean.class)).isEqualTo(new PojoTypeInfo<>(DerivedBean.class, List.of(
        new PojoField("created", Types.LONG), new PojoField("label", Types.STRING))));
  }

  @Test
  void fieldsInheritedFromGenericBaseClassesAreResolved() {
    assertThat(TypeInformation.of(TextEnvelope.class)).isEqualTo(new PojoTypeInfo<>(TextEnvelope.class, List.of(
        new PojoField("history", new ListTypeInfo<>(Types.STRING)),
        new PojoField("payload", Types.STRING),
        new PojoField("timestamp", Types.LONG))));
    assertThat(TypeInformation.of(new TypeHint<Envelope<Long>>() {})).isEqualTo(new PojoTypeInfo<>(Envelope.class, List.of(
        new PojoField("history", new ListTypeInfo<>(Types.LONG)), new PojoField("payload", Types.LONG))));
  }

  @Test
  void recursivePojoFieldsBecomeGeneric() {
    assertThat(TypeInformation.of(Node.class)).isEqualTo(new PojoTypeInfo<>(Node.class, List.of(
        new PojoField("next", new GenericTypeInfo<>(Node.class)), new PojoField("value", Types.INT))));
  }

  @Test
  void reasonsForNotBeingAPojo() {
    assertThat(TypeExtractor.whyNotPojo(PackagePrivate.class)).isEqualTo("the class is not public");
    assertThat(TypeExtractor.whyNotPojo(Abstract.class)).isEqualTo("the class is abstract or an interface");
    assertThat(TypeExtractor.whyNotPojo(Inner.class)).isEqualTo("it is a non-static inner class");
    assertThat(TypeExtractor.whyNotPojo(NoDefaultConstructor.class)).isEqualTo("it has no no-argument constructor");
    assertThat(TypeExtractor.whyNotPojo(PrivateConstructor.class)).isEqualTo("its no-argument constructor is not public");
    assertThat(TypeExtractor.whyNotPojo(Hidden.class))
        .isEqualTo("field 'secret' is neither public nor has a getter and setter");
    assertThat(TypeExtractor.whyNotPojo(Date.class))
        .isEqualTo("it is a JDK class, whose state is not in its public fields and accessors");
    assertThat(TypeInformation.of(Hidden.class)).isEqualTo(new GenericTypeInfo<>(Hidden.class));
    assertThat(TypeInformation.of(Date.class)).isEqualTo(new GenericTypeInfo<>(Date.class));
    assertThatThrownBy(() -> Types.POJO(NoDefaultConstructor.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(NoDefaultConstructor.class.getName() + " is not a POJO: it has no no-argument constructor");
  }

  @Test
  void gettersAndSettersMustMatchTheFieldType() throws NoSuchFieldException {
    Field flag = WrongAccessorTypes.class.getDeclaredField("flag");
    assertThat(TypeExtractor.getter(WrongAccessorTypes.class, flag).getName()).isEqualTo("isFlag");
    assertThat(TypeExtractor.setter(WrongAccessorTypes.class, flag).getParameterTypes()).containsExactly(boolean.class);
    Field created = BaseBean.class.getDeclaredField("created");
    assertThat(TypeExtractor.getter(DerivedBean.class, created).getName()).isEqualTo("getCreated");
    Field secret = Hidden.class.getDeclaredField("secret");
    assertThat(TypeExtractor.setter(Hidden.class, secret)).isNull();
  }

  @Test
  void recordsKeepDeclarationOrder() {
    TypeInformation<Point> point = TypeInformation.of(Point.class);
    assertThat(point).isEqualTo(new RecordTypeInfo<>(Point.class, List.of(
        new PojoField("x", Types.INT), new PojoField("y", Types.LONG))));
    assertThat(TypeInformation.of(Shape.class)).isEqualTo(new RecordTypeInfo<>(Shape.class, List.of(
        new PojoField("name", Types.STRING),
        new PojoField("corners", new ListTypeInfo<>(point)),
        new PojoField("center", point))));
  }
}
