package io.nagare.serialization;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.BasicTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;

/** Picks the serializer for a type information. Stateless. */
public final class SerializerFactory {
  private SerializerFactory() {}

  /** A fresh serializer for {@code type}; call {@link TypeSerializer#duplicate()} per thread. */
  @SuppressWarnings("unchecked")
  public static <T> TypeSerializer<T> create(TypeInformation<T> type) {
    if (type == BasicTypeInfo.LONG) {
      return (TypeSerializer<T>) LongSerializer.INSTANCE;
    }
    if (type == BasicTypeInfo.INT) {
      return (TypeSerializer<T>) IntSerializer.INSTANCE;
    }
    if (type == BasicTypeInfo.STRING) {
      return (TypeSerializer<T>) StringSerializer.INSTANCE;
    }
    throw new UnsupportedOperationException("No serializer for " + type);
  }
}
