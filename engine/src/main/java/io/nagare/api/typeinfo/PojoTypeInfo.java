package io.nagare.api.typeinfo;

import java.util.List;
import java.util.Objects;

/**
 * A POJO: a public class with a public no-argument constructor whose non-static, non-transient
 * fields are public or have a getter and setter. Fields are serialized by name in name order, and
 * may be null.
 */
public final class PojoTypeInfo<T> extends TypeInformation<T> {
  private final Class<T> clazz;
  private final List<PojoField> fields;

  public PojoTypeInfo(Class<T> clazz, List<PojoField> fields) {
    this.clazz = clazz;
    this.fields = List.copyOf(fields);
  }

  @Override
  public Class<T> getTypeClass() {
    return clazz;
  }

  /** The fields, sorted by name. */
  public List<PojoField> getFields() {
    return fields;
  }

  @Override
  public boolean isGeneric() {
    return fields.stream().anyMatch(f -> f.getType().isGeneric());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PojoTypeInfo && ((PojoTypeInfo<?>) o).clazz == clazz && ((PojoTypeInfo<?>) o).fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clazz, fields);
  }

  @Override
  public String toString() {
    return "POJO " + clazz.getName() + fields;
  }
}
