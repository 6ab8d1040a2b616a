package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Short} as 2 big-endian bytes. Stateless and immutable values: {@code copy} returns its argument. */
public final class ShortSerializer implements TypeSerializer<Short> {
  private static final long serialVersionUID = 1L;

  public static final ShortSerializer INSTANCE = new ShortSerializer();

  @Override
  public void serialize(Short value, DataOutputView target) throws IOException {
    target.writeShort(value);
  }

  @Override
  public Short deserialize(DataInputView source) throws IOException {
    return source.readShort();
  }

  @Override
  public Short copy(Short value) {
    return value;
  }

  @Override
  public TypeSerializer<Short> duplicate() {
    return this;
  }

  @Override
  public int getLength() {
    return 2;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
