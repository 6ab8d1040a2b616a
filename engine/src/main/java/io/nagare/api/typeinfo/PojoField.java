package io.nagare.api.typeinfo;

import java.io.Serializable;
import java.util.Objects;

/** One field of a POJO or Java record: its name and type. */
public final class PojoField implements Serializable {
  private final String name;
  private final TypeInformation<?> type;

  public PojoField(String name, TypeInformation<?> type) {
    this.name = name;
    this.type = type;
  }

  public String getName() {
    return name;
  }

  public TypeInformation<?> getType() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PojoField && ((PojoField) o).name.equals(name) && ((PojoField) o).type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type);
  }

  @Override
  public String toString() {
    return name + ": " + type;
  }
}
