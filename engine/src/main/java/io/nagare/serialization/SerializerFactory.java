package io.nagare.serialization;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.BasicTypeInfo;
import io.nagare.api.typeinfo.EnumTypeInfo;
import io.nagare.api.typeinfo.GenericTypeInfo;
import io.nagare.api.typeinfo.ListTypeInfo;
import io.nagare.api.typeinfo.MapTypeInfo;
import io.nagare.api.typeinfo.ObjectArrayTypeInfo;
import io.nagare.api.typeinfo.PojoField;
import io.nagare.api.typeinfo.PojoTypeInfo;
import io.nagare.api.typeinfo.PrimitiveArrayTypeInfo;
import io.nagare.api.typeinfo.RecordTypeInfo;
import io.nagare.api.typeinfo.TupleTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Picks the serializer for a type information: the built-in binary serializer of each kind, nested
 * as the type is ({@code Map<String, List<Tuple2<Long, String>>>} gets a map serializer of string
 * keys and list values of tuple elements), and the {@link DynamicSerializer} wherever the type is
 * generic. Fields of POJOs and records, elements of lists and object arrays and map values may be
 * null; top-level values, tuple fields and map keys may not. Stateless.
 */
public final class SerializerFactory {
  private SerializerFactory() {}

  /**
   * A fresh serializer for {@code type}; call {@link TypeSerializer#duplicate()} per thread.
   *
   * @throws IllegalArgumentException for a type information kind this factory does not know
   */
  @SuppressWarnings("unchecked")
  public static <T> TypeSerializer<T> create(TypeInformation<T> type) {
    return (TypeSerializer<T>) createAny(type);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeSerializer<Object> createAny(TypeInformation<?> type) {
    TypeSerializer<?> serializer;
    if (type instanceof BasicTypeInfo) {
      serializer = basic(type.getTypeClass());
    } else if (type instanceof PrimitiveArrayTypeInfo) {
      serializer = primitiveArray(type.getTypeClass());
    } else if (type instanceof ObjectArrayTypeInfo) {
      ObjectArrayTypeInfo<?, ?> array = (ObjectArrayTypeInfo<?, ?>) type;
      serializer = new ObjectArraySerializer(array.getTypeClass().getComponentType(), createAny(array.getComponentInfo()));
    } else if (type instanceof TupleTypeInfo) {
      serializer = new TupleSerializer<>(all(((TupleTypeInfo<?>) type).getFieldTypes()));
    } else if (type instanceof PojoTypeInfo) {
      List<PojoField> fields = ((PojoTypeInfo<?>) type).getFields();
      serializer = new PojoSerializer<>(type.getTypeClass(), names(fields), fieldSerializers(fields));
    } else if (type instanceof RecordTypeInfo) {
      List<PojoField> components = ((RecordTypeInfo<?>) type).getComponents();
      serializer = new RecordSerializer<>(type.getTypeClass(), names(components), fieldSerializers(components));
    } else if (type instanceof ListTypeInfo) {
      serializer = new ListSerializer<>(createAny(((ListTypeInfo<?>) type).getElementType()));
    } else if (type instanceof MapTypeInfo) {
      MapTypeInfo<?, ?> map = (MapTypeInfo<?, ?>) type;
      serializer = new MapSerializer<>(createAny(map.getKeyType()), createAny(map.getValueType()));
    } else if (type instanceof EnumTypeInfo) {
      serializer = new EnumSerializer(type.getTypeClass());
    } else if (type instanceof GenericTypeInfo) {
      serializer = new DynamicSerializer(type.getTypeClass());
    } else {
      throw new IllegalArgumentException("No serializer for type information " + type.getClass().getName() + ": " + type);
    }
    return (TypeSerializer<Object>) serializer;
  }

  private static String[] names(List<PojoField> fields) {
    String[] names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).getName();
    }
    return names;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeSerializer<Object>[] fieldSerializers(List<PojoField> fields) {
    TypeSerializer<Object>[] serializers = new TypeSerializer[fields.size()];
    for (int i = 0; i < serializers.length; i++) {
      serializers[i] = createAny(fields.get(i).getType());
    }
    return serializers;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeSerializer<Object>[] all(List<TypeInformation<?>> types) {
    TypeSerializer<Object>[] serializers = new TypeSerializer[types.size()];
    for (int i = 0; i < serializers.length; i++) {
      serializers[i] = createAny(types.get(i));
    }
    return serializers;
  }

  private static TypeSerializer<?> basic(Class<?> type) {
    if (type == String.class) return StringSerializer.INSTANCE;
    if (type == Long.class) return LongSerializer.INSTANCE;
    if (type == Integer.class) return IntSerializer.INSTANCE;
    if (type == Double.class) return DoubleSerializer.INSTANCE;
    if (type == Boolean.class) return BooleanSerializer.INSTANCE;
    if (type == Float.class) return FloatSerializer.INSTANCE;
    if (type == Short.class) return ShortSerializer.INSTANCE;
    if (type == Byte.class) return ByteSerializer.INSTANCE;
    if (type == Character.class) return CharSerializer.INSTANCE;
    if (type == BigInteger.class) return BigIntegerSerializer.INSTANCE;
    if (type == BigDecimal.class) return BigDecimalSerializer.INSTANCE;
    if (type == Void.class) return VoidSerializer.INSTANCE;
    throw new IllegalArgumentException("No basic serializer for " + type.getName());
  }

  private static TypeSerializer<?> primitiveArray(Class<?> type) {
    if (type == byte[].class) return ByteArraySerializer.INSTANCE;
    if (type == long[].class) return LongArraySerializer.INSTANCE;
    if (type == int[].class) return IntArraySerializer.INSTANCE;
    if (type == double[].class) return DoubleArraySerializer.INSTANCE;
    if (type == float[].class) return FloatArraySerializer.INSTANCE;
    if (type == short[].class) return ShortArraySerializer.INSTANCE;
    if (type == char[].class) return CharArraySerializer.INSTANCE;
    if (type == boolean[].class) return BooleanArraySerializer.INSTANCE;
    throw new IllegalArgumentException("No primitive array serializer for " + type.getName());
  }
}
