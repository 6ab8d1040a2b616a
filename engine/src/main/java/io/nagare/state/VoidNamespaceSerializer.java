package io.nagare.state;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** The serializer of {@link VoidNamespace}: one zero byte. Stateless. */
public final class VoidNamespaceSerializer implements TypeSerializer<VoidNamespace> {
  public static final VoidNamespaceSerializer INSTANCE = new VoidNamespaceSerializer();

  private VoidNamespaceSerializer() {}

  @Override
  public void serialize(VoidNamespace value, DataOutputView target) throws IOException {
    target.writeByte(0);
  }

  @Override
  public VoidNamespace deserialize(DataInputView source) throws IOException {
    source.readByte();
    return VoidNamespace.INSTANCE;
  }

  @Override
  public VoidNamespace copy(VoidNamespace value) {
    return value;
  }

  @Override
  public TypeSerializer<VoidNamespace> duplicate() {
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
