package io.nagare.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.typeinfo.BasicTypeInfo;
import io.nagare.api.typeinfo.GenericTypeInfo;
import io.nagare.api.typeinfo.PrimitiveArrayTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerializerFactoryTest {

  public static class Pojo {
    public int value;
  }

  record Rec(int value) {}

  enum Kind { A }

  @Test
  void basicTypesGetTheirSingletons() {
    Map<TypeInformation<?>, Object> expected = Map.ofEntries(
        Map.entry(BasicTypeInfo.STRING, StringSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.BOOLEAN, BooleanSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.BYTE, ByteSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.SHORT, ShortSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.INT, IntSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.LONG, LongSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.FLOAT, FloatSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.DOUBLE, DoubleSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.CHAR, CharSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.BIG_INT, BigIntegerSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.BIG_DEC, BigDecimalSerializer.INSTANCE),
        Map.entry(BasicTypeInfo.VOID, VoidSerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.BOOLEAN_ARRAY, BooleanArraySerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.BYTE_ARRAY, ByteArraySerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.SHORT_ARRAY, ShortArraySerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.CHAR_ARRAY, CharArraySerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.INT_ARRAY, IntArraySerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.LONG_ARRAY, LongArraySerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.FLOAT_ARRAY, FloatArraySerializer.INSTANCE),
        Map.entry(PrimitiveArrayTypeInfo.DOUBLE_ARRAY, DoubleArraySerializer.INSTANCE));
    expected.forEach((type, serializer) -> assertThat((Object) SerializerFactory.create(type)).as(type.toString()).isSameAs(serializer));
  }

  @Test
  void compositeTypesGetTheirSerializerClasses() {
    assertThat(SerializerFactory.create(Types.OBJECT_ARRAY(Types.STRING))).isInstanceOf(ObjectArraySerializer.class);
    assertThat(SerializerFactory.create(Types.TUPLE(Types.STRING))).isInstanceOf(TupleSerializer.class);
    assertThat(SerializerFactory.create(TypeInformation.of(Pojo.class))).isInstanceOf(PojoSerializer.class);
    assertThat(SerializerFactory.create(TypeInformation.of(Rec.class))).isInstanceOf(RecordSerializer.class);
    assertThat(SerializerFactory.create(Types.LIST(Types.STRING))).isInstanceOf(ListSerializer.class);
    assertThat(SerializerFactory.create(Types.MAP(Types.STRING, Types.LONG))).isInstanceOf(MapSerializer.class);
    assertThat(SerializerFactory.create(Types.ENUM(Kind.class))).isInstanceOf(EnumSerializer.class);
    assertThat(SerializerFactory.create(new GenericTypeInfo<>(Object.class))).isInstanceOf(DynamicSerializer.class);
  }

  @Test
  void unknownTypeInformationKindsAreRejected() {
    TypeInformation<String> custom = new TypeInformation<>() {
      @Override
      public Class<String> getTypeClass() {
        return String.class;
      }

      @Override
      public boolean equals(Object o) {
        return o == this;
      }

      @Override
      public int hashCode() {
        return 1;
      }

      @Override
      public String toString() {
        return "Custom";
      }
    };
    assertThatThrownBy(() -> SerializerFactory.create(custom))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("No serializer for type information ")
        .hasMessageEndingWith(": Custom");
  }
}
