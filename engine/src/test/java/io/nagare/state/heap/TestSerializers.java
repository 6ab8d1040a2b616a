package io.nagare.state.heap;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.BasicTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.serialization.SerializerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/** Serializers for tests: the real ones for basic types, Java serialization for everything else. */
final class TestSerializers {
  private TestSerializers() {}

  static TypeSerializer<?> forType(TypeInformation<?> type) {
    if (type == BasicTypeInfo.LONG || type == BasicTypeInfo.INT || type == BasicTypeInfo.STRING) {
      return SerializerFactory.create(type);
    }
    return new JavaSerializer<>();
  }

  /** Length-prefixed Java serialization; copies by a serialization round trip. */
  static final class JavaSerializer<T> implements TypeSerializer<T> {
    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
      byte[] bytes = toBytes(value);
      target.writeInt(bytes.length);
      target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
      byte[] bytes = new byte[source.readInt()];
      source.readFully(bytes);
      return fromBytes(bytes);
    }

    @Override
    public T copy(T value) {
      try {
        return fromBytes(toBytes(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public TypeSerializer<T> duplicate() {
      return this;
    }

    private static byte[] toBytes(Object value) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> T fromBytes(byte[] bytes) throws IOException {
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        return (T) in.readObject();
      } catch (ClassNotFoundException e) {
        throw new IOException(e);
      }
    }
  }
}
