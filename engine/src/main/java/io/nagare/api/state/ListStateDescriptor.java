package io.nagare.api.state;

import io.nagare.api.typeinfo.TypeInformation;

/** Describes a {@link ListState} by its element type. */
public class ListStateDescriptor<T> extends StateDescriptor<ListState<T>, T> {
  public ListStateDescriptor(String name, Class<T> elementType) {
    this(name, TypeInformation.of(elementType));
  }

  public ListStateDescriptor(String name, TypeInformation<T> elementType) {
    super(name, elementType);
  }

  @Override
  public Kind getKind() {
    return Kind.LIST;
  }
}
