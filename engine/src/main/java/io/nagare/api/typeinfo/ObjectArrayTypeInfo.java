package io.nagare.api.typeinfo;

import java.lang.reflect.Array;
import java.util.Objects;

/** Arrays of objects, e.g. {@code String[]}; elements may be null. */
public final class ObjectArrayTypeInfo<T, C> extends TypeInformation<T> {
  private final Class<T> arrayClass;
  private final TypeInformation<C> componentInfo;

  private ObjectArrayTypeInfo(Class<T> arrayClass, TypeInformation<C> componentInfo) {
    this.arrayClass = arrayClass;
    this.componentInfo = componentInfo;
  }

  @SuppressWarnings("unchecked")
  public static <C> ObjectArrayTypeInfo<C[], C> of(TypeInformation<C> componentInfo) {
    Class<C[]> arrayClass = (Class<C[]>) Array.newInstance(componentInfo.getTypeClass(), 0).getClass();
    return new ObjectArrayTypeInfo<>(arrayClass, componentInfo);
  }

  @Override
  public Class<T> getTypeClass() {
    return arrayClass;
  }

  public TypeInformation<C> getComponentInfo() {
    return componentInfo;
  }

  @Override
  public boolean isGeneric() {
    return componentInfo.isGeneric();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectArrayTypeInfo && ((ObjectArrayTypeInfo<?, ?>) o).arrayClass == arrayClass
        && ((ObjectArrayTypeInfo<?, ?>) o).componentInfo.equals(componentInfo);
  }

  @Override
  public int hashCode() {
    return Objects.hash(arrayClass, componentInfo);
  }

  @Override
  public String toString() {
    return componentInfo + "[]";
  }
}
