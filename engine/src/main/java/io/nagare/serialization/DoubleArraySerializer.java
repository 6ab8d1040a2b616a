package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code double[]} as a var-int element count followed by each element as the 8 big-endian bytes of its raw IEEE 754 bits. Stateless;
 * {@code copy} returns a clone.
 */
public final class DoubleArraySerializer implements TypeSerializer<double[]> {
  private static final long serialVersionUID = 1L;

  public static final DoubleArraySerializer INSTANCE = new DoubleArraySerializer();

  @Override
  public void serialize(double[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (double v : value) {
      target.writeLong(Double.doubleToRawLongBits(v));
    }
  }

  @Override
  public double[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 8);
    double[] value = new double[length];
    for (int i = 0; i < length; i++) {
      value[i] = Double.longBitsToDouble(source.readLong());
    }
    return value;
  }

  @Override
  public double[] copy(double[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<double[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
