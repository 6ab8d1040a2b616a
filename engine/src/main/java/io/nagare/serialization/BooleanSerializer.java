package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Boolean} as 1 byte: 1 for true, 0 for false (any non-zero byte reads as true). Stateless and immutable values: {@code copy} returns its argument. */
public final class BooleanSerializer implements TypeSerializer<Boolean> {
  private static final long serialVersionUID = 1L;

  public static final BooleanSerializer INSTANCE = new BooleanSerializer();

  @Override
  public void serialize(Boolean value, DataOutputView target) throws IOException {
    target.writeBoolean(value);
  }

  @Override
  public Boolean deserialize(DataInputView source) throws IOException {
    return source.readBoolean();
  }

  @Override
  public Boolean copy(Boolean value) {
    return value;
  }

  @Override
  public TypeSerializer<Boolean> duplicate() {
    return this;
  }

  @Override
  public int getLength() {
    return 1;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
