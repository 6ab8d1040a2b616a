package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Long} as 8 big-endian bytes (two's complement). Stateless and immutable values: {@code copy} returns its argument. */
public final class LongSerializer implements TypeSerializer<Long> {
  private static final long serialVersionUID = 1L;

  public static final LongSerializer INSTANCE = new LongSerializer();

  @Override
  public void serialize(Long value, DataOutputView target) throws IOException {
    target.writeLong(value);
  }

  @Override
  public Long deserialize(DataInputView source) throws IOException {
    return source.readLong();
  }

  @Override
  public Long copy(Long value) {
    return value;
  }

  @Override
  public TypeSerializer<Long> duplicate() {
    return this;
  }

  @Override
  public int getLength() {
    return 8;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
