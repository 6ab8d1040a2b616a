package io.nagare.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.serialization.TypeSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/** Round-trip helpers for serializer tests. */
final class SerializerTesting {
  private SerializerTesting() {}

  /** The bytes {@code serializer} writes for {@code value}. */
  static <T> byte[] bytes(TypeSerializer<T> serializer, T value) {
    DataOutputSerializer out = new DataOutputSerializer(16);
    try {
      serializer.serialize(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.getCopyOfBuffer();
  }

  /** Reads {@code bytes} with {@code serializer}, asserting that it consumes all of them. */
  static <T> T read(TypeSerializer<T> serializer, byte[] bytes) {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    try {
      T value = serializer.deserialize(in);
      assertThat(in.available()).as("bytes left after deserializing").isZero();
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serializes and deserializes {@code value}, asserting the result equals it and every byte was read. */
  static <T> T roundTrip(TypeSerializer<T> serializer, T value) {
    byte[] bytes = bytes(serializer, value);
    if (serializer.getLength() >= 0) {
      assertThat(bytes).as("fixed length").hasSize(serializer.getLength());
    }
    T result = read(serializer, bytes);
    assertThat(result).isEqualTo(value);
    return result;
  }

  /** {@code object} after Java serialization and back. */
  @SuppressWarnings("unchecked")
  static <T> T javaRoundTrip(T object) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(object);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bytes from unsigned values, for readable expectations. */
  static byte[] b(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
