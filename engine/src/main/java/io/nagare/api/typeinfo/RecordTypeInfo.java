package io.nagare.api.typeinfo;

import java.util.List;
import java.util.Objects;

/** A Java {@code record}: its components in declaration order, each of which may be null. */
public final class RecordTypeInfo<T> extends TypeInformation<T> {
  private final Class<T> clazz;
  private final List<PojoField> components;

  public RecordTypeInfo(Class<T> clazz, List<PojoField> components) {
    this.clazz = clazz;
    this.components = List.copyOf(components);
  }

  @Override
  public Class<T> getTypeClass() {
    return clazz;
  }

  /** The record components in declaration order. */
  public List<PojoField> getComponents() {
    return components;
  }

  @Override
  public boolean isGeneric() {
    return components.stream().anyMatch(f -> f.getType().isGeneric());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordTypeInfo && ((RecordTypeInfo<?>) o).clazz == clazz
        && ((RecordTypeInfo<?>) o).components.equals(components);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clazz, components);
  }

  @Override
  public String toString() {
    return "record " + clazz.getName() + components;
  }
}
