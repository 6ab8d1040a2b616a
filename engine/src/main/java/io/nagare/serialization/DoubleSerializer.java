package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Double} as the 8 big-endian bytes of its raw IEEE 754 bits (NaN payloads kept). Stateless and immutable values: {@code copy} returns its argument. */
public final class DoubleSerializer implements TypeSerializer<Double> {
  private static final long serialVersionUID = 1L;

  public static final DoubleSerializer INSTANCE = new DoubleSerializer();

  @Override
  public void serialize(Double value, DataOutputView target) throws IOException {
    target.writeLong(Double.doubleToRawLongBits(value));
  }

  @Override
  public Double deserialize(DataInputView source) throws IOException {
    return Double.longBitsToDouble(source.readLong());
  }

  @Override
  public Double copy(Double value) {
    return value;
  }

  @Override
  public TypeSerializer<Double> duplicate() {
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
