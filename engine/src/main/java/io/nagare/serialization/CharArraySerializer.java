package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * {@code char[]} as a var-int element count followed by each element as 2 big-endian bytes (UTF-16 code unit). Stateless;
 * {@code copy} returns a clone.
 */
public final class CharArraySerializer implements TypeSerializer<char[]> {
  private static final long serialVersionUID = 1L;

  public static final CharArraySerializer INSTANCE = new CharArraySerializer();

  @Override
  public void serialize(char[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (char v : value) {
      target.writeChar(v);
    }
  }

  @Override
  public char[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 2);
    char[] value = new char[length];
    for (int i = 0; i < length; i++) {
      value[i] = source.readChar();
    }
    return value;
  }

  @Override
  public char[] copy(char[] value) {
    return value.clone();
  }

  @Override
  public TypeSerializer<char[]> duplicate() {
    return this;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
