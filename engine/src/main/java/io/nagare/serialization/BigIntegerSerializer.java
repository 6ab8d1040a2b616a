package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.math.BigInteger;

/**
 * {@code BigInteger} as a var-int byte count followed by the minimal two's-complement big-endian
 * bytes of {@link BigInteger#toByteArray()}. Stateless.
 */
public final class BigIntegerSerializer implements TypeSerializer<BigInteger> {
  private static final long serialVersionUID = 1L;

  public static final BigIntegerSerializer INSTANCE = new BigIntegerSerializer();

  @Override
  public void serialize(BigInteger value, DataOutputView target) throws IOException {
    write(value, target);
  }

  @Override
  public BigInteger deserialize(DataInputView source) throws IOException {
    return read(source);
  }

  static void write(BigInteger value, DataOutputView target) throws IOException {
    byte[] bytes = value.toByteArray();
    target.writeVarInt(bytes.length);
    target.write(bytes, 0, bytes.length);
  }

  static BigInteger read(DataInputView source) throws IOException {
    int length = source.readVarInt();
    if (length == 0) {
      throw new IOException("Malformed BigInteger: zero bytes");
    }
    byte[] bytes = new byte[length];
    source.readFully(bytes);
    return new BigInteger(bytes);
  }

  @Override
  public BigInteger copy(BigInteger value) {
    return value;
  }

  @Override
  public TypeSerializer<BigInteger> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
