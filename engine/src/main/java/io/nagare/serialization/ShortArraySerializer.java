package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code short[]} as a var-int element count followed by each element as 2 big-endian bytes. Stateless;
 * {@code copy} returns a clone.
 */
public final class ShortArraySerializer implements TypeSerializer<short[]> {
  private static final long serialVersionUID = 1L;

  public static final ShortArraySerializer INSTANCE = new ShortArraySerializer();

  @Override
  public void serialize(short[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (short v : value) {
      target.writeShort(v);
    }
  }

  @Override
  public short[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 2);
    short[] value = new short[length];
    for (int i = 0; i < length; i++) {
      value[i] = source.readShort();
    }
    return value;
  }

  @Override
  public short[] copy(short[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<short[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
