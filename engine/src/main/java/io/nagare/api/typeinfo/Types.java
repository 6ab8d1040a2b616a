package io.nagare.api.typeinfo;

import io.nagare.api.tuple.Tuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Shortcuts for type informations, named as in Flink: {@code Types.LONG}, {@code
 * Types.TUPLE(Types.STRING, Types.LONG)}, {@code Types.LIST(Types.INT)}.
 */
public final class Types {
  public static final TypeInformation<String> STRING = BasicTypeInfo.STRING;
  public static final TypeInformation<Boolean> BOOLEAN = BasicTypeInfo.BOOLEAN;
  public static final TypeInformation<Byte> BYTE = BasicTypeInfo.BYTE;
  public static final TypeInformation<Short> SHORT = BasicTypeInfo.SHORT;
  public static final TypeInformation<Integer> INT = BasicTypeInfo.INT;
  public static final TypeInformation<Long> LONG = BasicTypeInfo.LONG;
  public static final TypeInformation<Float> FLOAT = BasicTypeInfo.FLOAT;
  public static final TypeInformation<Double> DOUBLE = BasicTypeInfo.DOUBLE;
  public static final TypeInformation<Character> CHAR = BasicTypeInfo.CHAR;
  public static final TypeInformation<BigInteger> BIG_INT = BasicTypeInfo.BIG_INT;
  public static final TypeInformation<BigDecimal> BIG_DEC = BasicTypeInfo.BIG_DEC;
  public static final TypeInformation<Void> VOID = BasicTypeInfo.VOID;

  private Types() {}

  /** A tuple type of the given field types: {@code Types.TUPLE(Types.STRING, Types.LONG)}. */
  @SuppressWarnings("unchecked")
  public static <T extends Tuple> TypeInformation<T> TUPLE(TypeInformation<?>... fieldTypes) {
    return (TypeInformation<T>) new TupleTypeInfo<>(fieldTypes);
  }

  /** The type of a POJO class, analysed by reflection. */
  public static <T> TypeInformation<T> POJO(Class<T> pojoClass) {
    TypeInformation<T> info = TypeExtractor.createTypeInfo(pojoClass);
    if (!(info instanceof PojoTypeInfo)) {
      throw new IllegalArgumentException(pojoClass.getName() + " is not a POJO: "
          + TypeExtractor.whyNotPojo(pojoClass));
    }
    return info;
  }

  public static <E> TypeInformation<List<E>> LIST(TypeInformation<E> elementType) {
    return new ListTypeInfo<>(elementType);
  }

  public static <K, V> TypeInformation<Map<K, V>> MAP(TypeInformation<K> keyType, TypeInformation<V> valueType) {
    return new MapTypeInfo<>(keyType, valueType);
  }

  public static <E> TypeInformation<E[]> OBJECT_ARRAY(TypeInformation<E> elementType) {
    return ObjectArrayTypeInfo.of(elementType);
  }

  /** An array of primitives, e.g. {@code Types.PRIMITIVE_ARRAY(Types.BYTE)} for {@code byte[]}. */
  public static TypeInformation<?> PRIMITIVE_ARRAY(TypeInformation<?> elementType) {
    if (elementType == BYTE) return PrimitiveArrayTypeInfo.BYTE_ARRAY;
    if (elementType == INT) return PrimitiveArrayTypeInfo.INT_ARRAY;
    if (elementType == LONG) return PrimitiveArrayTypeInfo.LONG_ARRAY;
    if (elementType == DOUBLE) return PrimitiveArrayTypeInfo.DOUBLE_ARRAY;
    if (elementType == FLOAT) return PrimitiveArrayTypeInfo.FLOAT_ARRAY;
    if (elementType == SHORT) return PrimitiveArrayTypeInfo.SHORT_ARRAY;
    if (elementType == CHAR) return PrimitiveArrayTypeInfo.CHAR_ARRAY;
    if (elementType == BOOLEAN) return PrimitiveArrayTypeInfo.BOOLEAN_ARRAY;
    throw new IllegalArgumentException("No primitive array of " + elementType);
  }

  public static <E extends Enum<E>> TypeInformation<E> ENUM(Class<E> enumClass) {
    return new EnumTypeInfo<>(enumClass);
  }

  /** A type serialized by its runtime class (see {@link GenericTypeInfo}). */
  public static <T> TypeInformation<T> GENERIC(Class<T> clazz) {
    return new GenericTypeInfo<>(clazz);
  }
}
