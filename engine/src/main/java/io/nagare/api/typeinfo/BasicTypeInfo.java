package io.nagare.api.typeinfo;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Boxed primitives, String, BigInteger and BigDecimal. */
public final class BasicTypeInfo<T> extends TypeInformation<T> {
  public static final BasicTypeInfo<String> STRING = new BasicTypeInfo<>(String.class);
  public static final BasicTypeInfo<Boolean> BOOLEAN = new BasicTypeInfo<>(Boolean.class);
  public static final BasicTypeInfo<Byte> BYTE = new BasicTypeInfo<>(Byte.class);
  public static final BasicTypeInfo<Short> SHORT = new BasicTypeInfo<>(Short.class);
  public static final BasicTypeInfo<Integer> INT = new BasicTypeInfo<>(Integer.class);
  public static final BasicTypeInfo<Long> LONG = new BasicTypeInfo<>(Long.class);
  public static final BasicTypeInfo<Float> FLOAT = new BasicTypeInfo<>(Float.class);
  public static final BasicTypeInfo<Double> DOUBLE = new BasicTypeInfo<>(Double.class);
  public static final BasicTypeInfo<Character> CHAR = new BasicTypeInfo<>(Character.class);
  public static final BasicTypeInfo<BigInteger> BIG_INT = new BasicTypeInfo<>(BigInteger.class);
  public static final BasicTypeInfo<BigDecimal> BIG_DEC = new BasicTypeInfo<>(BigDecimal.class);
  public static final BasicTypeInfo<Void> VOID = new BasicTypeInfo<>(Void.class);

  private static final BasicTypeInfo<?>[] ALL = {
    STRING, BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, CHAR, BIG_INT, BIG_DEC, VOID
  };

  private final Class<T> clazz;

  private BasicTypeInfo(Class<T> clazz) {
    this.clazz = clazz;
  }

  /** The basic type info for {@code clazz} (boxed or primitive), or null if it is not a basic type. */
  @SuppressWarnings("unchecked")
  public static <T> BasicTypeInfo<T> forClass(Class<T> clazz) {
    Class<?> boxed = box(clazz);
    for (BasicTypeInfo<?> info : ALL) {
      if (info.clazz == boxed) {
        return (BasicTypeInfo<T>) info;
      }
    }
    return null;
  }

  private static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    if (c == long.class) return Long.class;
    if (c == int.class) return Integer.class;
    if (c == double.class) return Double.class;
    if (c == boolean.class) return Boolean.class;
    if (c == float.class) return Float.class;
    if (c == short.class) return Short.class;
    if (c == byte.class) return Byte.class;
    if (c == char.class) return Character.class;
    return Void.class;
  }

  @Override
  public Class<T> getTypeClass() {
    return clazz;
  }

  private Object readResolve() {
    return forClass(clazz);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BasicTypeInfo && ((BasicTypeInfo<?>) o).clazz == clazz;
  }

  @Override
  public int hashCode() {
    return clazz.hashCode();
  }

  @Override
  public String toString() {
    return clazz.getSimpleName();
  }
}
