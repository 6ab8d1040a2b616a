package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Byte} as 1 byte. Stateless and immutable values: {@code copy} returns its argument. */
public final class ByteSerializer implements TypeSerializer<Byte> {
  private static final long serialVersionUID = 1L;

  public static final ByteSerializer INSTANCE = new ByteSerializer();

  @Override
  public void serialize(Byte value, DataOutputView target) throws IOException {
    target.writeByte(value);
  }

  @Override
  public Byte deserialize(DataInputView source) throws IOException {
    return source.readByte();
  }

  @Override
  public Byte copy(Byte value) {
    return value;
  }

  @Override
  public TypeSerializer<Byte> duplicate() {
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
