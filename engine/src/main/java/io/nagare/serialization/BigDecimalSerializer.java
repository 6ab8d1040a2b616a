package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * {@code BigDecimal} as its unscaled value in the {@link BigIntegerSerializer} format (var-int byte
 * count, two's-complement big-endian bytes) followed by its scale as 4 big-endian bytes. The scale is
 * kept exactly, so {@code 1.0} and {@code 1.00} stay distinct. Stateless.
 */
public final class BigDecimalSerializer implements TypeSerializer<BigDecimal> {
  private static final long serialVersionUID = 1L;

  public static final BigDecimalSerializer INSTANCE = new BigDecimalSerializer();

  @Override
  public void serialize(BigDecimal value, DataOutputView target) throws IOException {
    BigIntegerSerializer.write(value.unscaledValue(), target);
    target.writeInt(value.scale());
  }

  @Override
  public BigDecimal deserialize(DataInputView source) throws IOException {
    return new BigDecimal(BigIntegerSerializer.read(source), source.readInt());
  }

  @Override
  public BigDecimal copy(BigDecimal value) {
    return value;
  }

  @Override
  public TypeSerializer<BigDecimal> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
