package io.nagare.api.typeinfo;

/** Arrays of primitives: {@code byte[]}, {@code long[]}, … */
public final class PrimitiveArrayTypeInfo<T> extends TypeInformation<T> {
  public static final PrimitiveArrayTypeInfo<boolean[]> BOOLEAN_ARRAY = new PrimitiveArrayTypeInfo<>(boolean[].class);
  public static final PrimitiveArrayTypeInfo<byte[]> BYTE_ARRAY = new PrimitiveArrayTypeInfo<>(byte[].class);
  public static final PrimitiveArrayTypeInfo<short[]> SHORT_ARRAY = new PrimitiveArrayTypeInfo<>(short[].class);
  public static final PrimitiveArrayTypeInfo<int[]> INT_ARRAY = new PrimitiveArrayTypeInfo<>(int[].class);
  public static final PrimitiveArrayTypeInfo<long[]> LONG_ARRAY = new PrimitiveArrayTypeInfo<>(long[].class);
  public static final PrimitiveArrayTypeInfo<float[]> FLOAT_ARRAY = new PrimitiveArrayTypeInfo<>(float[].class);
  public static final PrimitiveArrayTypeInfo<double[]> DOUBLE_ARRAY = new PrimitiveArrayTypeInfo<>(double[].class);
  public static final PrimitiveArrayTypeInfo<char[]> CHAR_ARRAY = new PrimitiveArrayTypeInfo<>(char[].class);

  private static final PrimitiveArrayTypeInfo<?>[] ALL = {
    BOOLEAN_ARRAY, BYTE_ARRAY, SHORT_ARRAY, INT_ARRAY, LONG_ARRAY, FLOAT_ARRAY, DOUBLE_ARRAY, CHAR_ARRAY
  };

  private final Class<T> arrayClass;

  private PrimitiveArrayTypeInfo(Class<T> arrayClass) {
    this.arrayClass = arrayClass;
  }

  /** The info for a primitive array class, or null if {@code clazz} is not one. */
  @SuppressWarnings("unchecked")
  public static <T> PrimitiveArrayTypeInfo<T> forClass(Class<T> clazz) {
    for (PrimitiveArrayTypeInfo<?> info : ALL) {
      if (info.arrayClass == clazz) {
        return (PrimitiveArrayTypeInfo<T>) info;
      }
    }
    return null;
  }

  @Override
  public Class<T> getTypeClass() {
    return arrayClass;
  }

  private Object readResolve() {
    return forClass(arrayClass);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrimitiveArrayTypeInfo && ((PrimitiveArrayTypeInfo<?>) o).arrayClass == arrayClass;
  }

  @Override
  public int hashCode() {
    return arrayClass.hashCode();
  }

  @Override
  public String toString() {
    return arrayClass.getComponentType().getName() + "[]";
  }
}
