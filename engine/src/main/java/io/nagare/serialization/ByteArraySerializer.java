package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code byte[]} as a var-int element count followed by the bytes. Stateless;
 * {@code copy} returns a clone.
 */
public final class ByteArraySerializer implements TypeSerializer<byte[]> {
  private static final long serialVersionUID = 1L;

  public static final ByteArraySerializer INSTANCE = new ByteArraySerializer();

  @Override
  public void serialize(byte[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    target.write(value, 0, value.length);
  }

  @Override
  public byte[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 1);
    byte[] value = new byte[length];
    source.readFully(value);
    return value;
  }

  @Override
  public byte[] copy(byte[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<byte[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
