package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code int[]} as a var-int element count followed by each element as 4 big-endian bytes. Stateless;
 * {@code copy} returns a clone.
 */
public final class IntArraySerializer implements TypeSerializer<int[]> {
  private static final long serialVersionUID = 1L;

  public static final IntArraySerializer INSTANCE = new IntArraySerializer();

  @Override
  public void serialize(int[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (int v : value) {
      target.writeInt(v);
    }
  }

  @Override
  public int[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 4);
    int[] value = new int[length];
    for (int i = 0; i < length; i++) {
      value[i] = source.readInt();
    }
    return value;
  }

  @Override
  public int[] copy(int[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<int[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
