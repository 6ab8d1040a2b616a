package io.nagare.api.state;

import io.nagare.api.typeinfo.TypeInformation;

/** Describes a {@link ValueState}: {@code new ValueStateDescriptor<>("count", Long.class)}. */
public class ValueStateDescriptor<T> extends StateDescriptor<ValueState<T>, T> {
  private final T defaultValue;

  public ValueStateDescriptor(String name, Class<T> type) {
    this(name, TypeInformation.of(type));
  }

  public ValueStateDescriptor(String name, TypeInformation<T> typeInfo) {
    this(name, typeInfo, null);
  }

  /** With a value returned for keys that have none; it must be immutable (it is shared). */
  public ValueStateDescriptor(String name, TypeInformation<T> typeInfo, T defaultValue) {
    super(name, typeInfo);
    this.defaultValue = defaultValue;
  }

  public T getDefaultValue() {
    return defaultValue;
  }

  @Override
  public Kind getKind() {
    return Kind.VALUE;
  }
}
