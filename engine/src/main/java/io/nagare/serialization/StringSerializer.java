package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code String} as a var-int count of UTF-8 bytes followed by the bytes (standard UTF-8; an unpaired
 * surrogate becomes {@code '?'}). Stateless.
 */
public final class StringSerializer implements TypeSerializer<String> {
  private static final long serialVersionUID = 1L;

  public static final StringSerializer INSTANCE = new StringSerializer();

  @Override
  public void serialize(String value, DataOutputView target) throws IOException {
    Utf8.write(value, target);
  }

  @Override
  public String deserialize(DataInputView source) throws IOException {
    return Utf8.read(source);
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
