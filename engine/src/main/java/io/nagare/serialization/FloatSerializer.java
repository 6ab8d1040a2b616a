package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Float} as the 4 big-endian bytes of its raw IEEE 754 bits (NaN payloads kept). Stateless and immutable values: {@code copy} returns its argument. */
public final class FloatSerializer implements TypeSerializer<Float> {
  private static final long serialVersionUID = 1L;

  public static final FloatSerializer INSTANCE = new FloatSerializer();

  @Override
  public void serialize(Float value, DataOutputView target) throws IOException {
    target.writeInt(Float.floatToRawIntBits(value));
  }

  @Override
  public Float deserialize(DataInputView source) throws IOException {
    return Float.intBitsToFloat(source.readInt());
  }

  @Override
  public Float copy(Float value) {
    return value;
  }

  @Override
  public TypeSerializer<Float> duplicate() {
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
