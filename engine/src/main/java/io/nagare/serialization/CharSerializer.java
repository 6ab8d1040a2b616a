package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/** {@code Character} as its UTF-16 code unit in 2 big-endian bytes. Stateless and immutable values: {@code copy} returns its argument. */
public final class CharSerializer implements TypeSerializer<Character> {
  private static final long serialVersionUID = 1L;

  public static final CharSerializer INSTANCE = new CharSerializer();

  @Override
  public void serialize(Character value, DataOutputView target) throws IOException {
    target.writeChar(value);
  }

  @Override
  public Character deserialize(DataInputView source) throws IOException {
    return source.readChar();
  }

  @Override
  public Character copy(Character value) {
    return value;
  }

  @Override
  public TypeSerializer<Character> duplicate() {
    return this;
  }

  @Override
  public int getLength() {
    return 2;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
