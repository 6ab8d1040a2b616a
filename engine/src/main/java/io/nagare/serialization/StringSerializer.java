package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code String} as a var-int UTF-8 byte count and the bytes. Stateless. */
public final class StringSerializer implements TypeSerializer<String> {
  public static final StringSerializer INSTANCE = new StringSerializer();

  @Override
  public void serialize(String value, DataOutputView target) throws IOException {
    target.writeUTF(value);
  }

  @Override
  public String deserialize(DataInputView source) throws IOException {
    return source.readUTF();
  }

  @Override
  public String copy(String value) {
    return value;
  }

  @Override
  public TypeSerializer<String> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
