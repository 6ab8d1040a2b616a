package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Integer} as 4 big-endian bytes (two's complement). Stateless and immutable values: {@code copy} returns its argument. */
public final class IntSerializer implements TypeSerializer<Integer> {
  private static final long serialVersionUID = 1L;

  public static final IntSerializer INSTANCE = new IntSerializer();

  @Override
  public void serialize(Integer value, DataOutputView target) throws IOException {
    target.writeInt(value);
  }

  @Override
  public Integer deserialize(DataInputView source) throws IOException {
    return source.readInt();
  }

  @Override
  public Integer copy(Integer value) {
    return value;
  }

  @Override
  public TypeSerializer<Integer> duplicate() {
    return this;
  }

  @Override
  public int getLength() {
    return 4;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
