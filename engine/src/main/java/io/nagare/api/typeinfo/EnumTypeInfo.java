package io.nagare.api.typeinfo;

/** A Java enum, serialized by constant name so reordering constants keeps state readable. */
public final class EnumTypeInfo<T extends Enum<T>> extends TypeInformation<T> {
  private final Class<T> clazz;

  public EnumTypeInfo(Class<T> clazz) {
    this.clazz = clazz;
  }

  @Override
  public Class<T> getTypeClass() {
    return clazz;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnumTypeInfo && ((EnumTypeInfo<?>) o).clazz == clazz;
  }

  @Override
  public int hashCode() {
    return clazz.hashCode();
  }

  @Override
  public String toString() {
    return "enum " + clazz.getName();
  }
}
