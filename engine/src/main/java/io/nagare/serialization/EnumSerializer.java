package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Java enum by constant name, in the {@link StringSerializer} format (var-int UTF-8 byte count,
 * then the bytes of {@link Enum#name()}), so reordering or adding constants keeps state readable;
 * reading a name the enum no longer has fails with an {@link IOException} naming it. Names are
 * encoded once and matched as bytes, so neither direction allocates. Stateful (a read buffer):
 * {@link #duplicate()} returns a copy.
 *
 * @param <E> the enum type
 */
public final class EnumSerializer<E extends Enum<E>> implements TypeSerializer<E> {
  private static final long serialVersionUID = 1L;

  private final Class<E> enumClass;
  private transient E[] constants;
  private transient byte[][] names;
  private transient byte[] readBuffer;

  public Class<E> getEnumClass() {
    return enumClass;
  }

  public EnumSerializer(Class<E> enumClass) {
    if (!enumClass.isEnum()) {
      throw new IllegalArgumentException(enumClass.getName() + " is not an enum");
    }
    this.enumClass = enumClass;
  }

  private byte[][] names() {
    if (names == null) {
      E[] values = enumClass.getEnumConstants();
      byte[][] encoded = new byte[values.length][];
      int longest = 0;
      for (int i = 0; i < values.length; i++) {
        encoded[i] = values[i].name().getBytes(StandardCharsets.UTF_8);
        longest = Math.max(longest, encoded[i].length);
      }
      constants = values;
      readBuffer = new byte[longest];
      names = encoded;
    }
    return names;
  }

  @Override
  public void serialize(E value, DataOutputView target) throws IOException {
    byte[] name = names()[value.ordinal()];
    target.writeVarInt(name.length);
    target.write(name, 0, name.length);
  }

  @Override
  public E deserialize(DataInputView source) throws IOException {
    byte[][] known = names();
    int length = source.readVarInt();
    if (length > readBuffer.length) {
      throw unknownConstant(source, length);
    }
    source.readFully(readBuffer, 0, length);
    for (int i = 0; i < known.length; i++) {
      if (Arrays.equals(readBuffer, 0, length, known[i], 0, known[i].length)) {
        return constants[i];
      }
    }
    throw new IOException("Enum " + enumClass.getName() + " has no constant '"
        + new String(readBuffer, 0, length, StandardCharsets.UTF_8) + "' (found in the data)");
  }

  private IOException unknownConstant(DataInputView source, int length) throws IOException {
    Serializers.checkAvailable(source, length, 1);
    byte[] name = new byte[length];
    source.readFully(name);
    return new IOException("Enum " + enumClass.getName() + " has no constant '"
        + new String(name, StandardCharsets.UTF_8) + "' (found in the data)");
  }

  @Override
  public E copy(E value) {
    return value;
  }

  @Override
  public TypeSerializer<E> duplicate() {
    return new EnumSerializer<>(enumClass);
  }
}
