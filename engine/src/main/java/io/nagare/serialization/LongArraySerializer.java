package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code long[]} as a var-int element count followed by each element as 8 big-endian bytes. Stateless;
 * {@code copy} returns a clone.
 */
public final class LongArraySerializer implements TypeSerializer<long[]> {
  private static final long serialVersionUID = 1L;

  public static final LongArraySerializer INSTANCE = new LongArraySerializer();

  @Override
  public void serialize(long[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (long v : value) {
      target.writeLong(v);
    }
  }

  @Override
  public long[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 8);
    long[] value = new long[length];
    for (int i = 0; i < length; i++) {
      value[i] = source.readLong();
    }
    return value;
  }

  @Override
  public long[] copy(long[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<long[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
