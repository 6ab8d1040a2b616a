package io.nagare.api.typeinfo;

/**
 * Captures a full generic type through an anonymous subclass: {@code new TypeHint<Map<String,
 * Long>>() {}}.
 */
public abstract class TypeHint<T> {
  private final TypeInformation<T> typeInfo;

  protected TypeHint() {
    this.typeInfo = TypeExtractor.typeOfSubclassParameter(getClass(), TypeHint.class, 0, "TypeHint");
  }

  public TypeInformation<T> getTypeInfo() {
    return typeInfo;
  }
}
