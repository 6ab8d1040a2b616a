package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code boolean[]} as a var-int element count followed by each element as 1 byte (1 true, 0 false). Stateless;
 * {@code copy} returns a clone.
 */
public final class BooleanArraySerializer implements TypeSerializer<boolean[]> {
  private static final long serialVersionUID = 1L;

  public static final BooleanArraySerializer INSTANCE = new BooleanArraySerializer();

  @Override
  public void serialize(boolean[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (boolean v : value) {
      target.writeBoolean(v);
    }
  }

  @Override
  public boolean[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 1);
    boolean[] value = new boolean[length];
    for (int i = 0; i < length; i++) {
      value[i] = source.readBoolean();
    }
    return value;
  }

  @Override
  public boolean[] copy(boolean[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<boolean[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
