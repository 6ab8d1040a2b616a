package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;

/** {@code Void}, whose only value is null, as zero bytes. Stateless. */
public final class VoidSerializer implements TypeSerializer<Void> {
  private static final long serialVersionUID = 1L;

  public static final VoidSerializer INSTANCE = new VoidSerializer();

  @Override
  public void serialize(Void value, DataOutputView target) {}

  @Override
  public Void deserialize(DataInputView source) {
    return null;
  }

  @Override
  public Void copy(Void value) {
    return null;
  }

  @Override
  public TypeSerializer<Void> duplicate() {
    return this;
  }

  @Override
  public int getLength() {
    return 0;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
