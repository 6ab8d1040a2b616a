package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code float[]} as a var-int element count followed by each element as the 4 big-endian bytes of its raw IEEE 754 bits. Stateless;
 * {@code copy} returns a clone.
 */
public final class FloatArraySerializer implements TypeSerializer<float[]> {
  private static final long serialVersionUID = 1L;

  public static final FloatArraySerializer INSTANCE = new FloatArraySerializer();

  @Override
  public void serialize(float[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (float v : value) {
      target.writeInt(Float.floatToRawIntBits(v));
    }
  }

  @Override
  public float[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 4);
    float[] value = new float[length];
    for (int i = 0; i < length; i++) {
      value[i] = Float.intBitsToFloat(source.readInt());
    }
    return value;
  }

  @Override
  public float[] copy(float[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<float[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
