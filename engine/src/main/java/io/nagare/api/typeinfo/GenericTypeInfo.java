package io.nagare.api.typeinfo;

/**
 * A type with no specific serializer: values are written with their runtime class, through the
 * built-in serializers where one fits and a general object serializer otherwise. Correct for any
 * class, but slower; {@link #isGeneric()} is true so the runtime can say where a {@code returns()}
 * would help.
 */
public final class GenericTypeInfo<T> extends TypeInformation<T> {
  private final Class<T> clazz;

  public GenericTypeInfo(Class<T> clazz) {
    this.clazz = clazz;
  }

  @Override
  public Class<T> getTypeClass() {
    return clazz;
  }

  @Override
  public boolean isGeneric() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericTypeInfo && ((GenericTypeInfo<?>) o).clazz == clazz;
  }

  @Override
  public int hashCode() {
    return 7 * clazz.hashCode();
  }

  @Override
  public String toString() {
    return "Generic<" + clazz.getName() + ">";
  }
}
