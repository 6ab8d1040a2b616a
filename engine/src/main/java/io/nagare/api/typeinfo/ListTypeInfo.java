package io.nagare.api.typeinfo;

import java.util.List;

/** A {@code java.util.List} of one element type; deserialized as an {@code ArrayList}. */
public final class ListTypeInfo<T> extends TypeInformation<List<T>> {
  private final TypeInformation<T> elementType;

  public ListTypeInfo(TypeInformation<T> elementType) {
    this.elementType = elementType;
  }

  public TypeInformation<T> getElementType() {
    return elementType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<List<T>> getTypeClass() {
    return (Class) List.class;
  }

  @Override
  public boolean isGeneric() {
    return elementType.isGeneric();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListTypeInfo && ((ListTypeInfo<?>) o).elementType.equals(elementType);
  }

  @Override
  public int hashCode() {
    return 17 + elementType.hashCode();
  }

  @Override
  public String toString() {
    return "List<" + elementType + ">";
  }
}
