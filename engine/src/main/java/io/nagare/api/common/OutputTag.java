package io.nagare.api.common;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.TypeExtractor;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a side output of an operator. Create it as an anonymous subclass so the element type is
 * captured, or pass the type explicitly:
 *
 * <pre>{@code
 * OutputTag<String> rejected = new OutputTag<String>("rejected") {};
 * OutputTag<Long> late = new OutputTag<>("late", Types.LONG);
 * }</pre>
 *
 * Two tags are the same side output when their ids are equal.
 */
public class OutputTag<T> implements Serializable {
  private final String id;
  private final TypeInformation<T> typeInfo;

  /** Captures the type from an anonymous subclass's generic parameter. */
  public OutputTag(String id) {
    this.id = requireId(id);
    this.typeInfo = TypeExtractor.typeOfSubclassParameter(getClass(), OutputTag.class, 0, "OutputTag '" + id + "'");
  }

  public OutputTag(String id, TypeInformation<T> typeInfo) {
    this.id = requireId(id);
    this.typeInfo = Objects.requireNonNull(typeInfo, "typeInfo");
  }

  private static String requireId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("An OutputTag needs a non-empty id.");
    }
    return id;
  }

  public String getId() {
    return id;
  }

  public TypeInformation<T> getTypeInfo() {
    return typeInfo;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTag && ((OutputTag<?>) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "OutputTag(" + id + ", " + typeInfo + ")";
  }
}
