package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;

/**
 * Lets a non-null serializer carry null, for fields of POJOs and records, elements of lists and
 * object arrays, and map values. Format: 1 marker byte, {@code 0} for null or {@code 1} followed by
 * the inner serializer's bytes. Stateful exactly when the inner serializer is.
 *
 * @param <T> the serialized type
 */
public final class NullableSerializer<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** The marker byte written before a null value. */
  public static final byte NULL = 0;
  /** The marker byte written before a non-null value. */
  public static final byte PRESENT = 1;

  private final TypeSerializer<T> inner;

  public NullableSerializer(TypeSerializer<T> inner) {
    this.inner = inner;
  }

  /**
   * {@code serializer} made null-capable: itself if it already handles null (a {@link
   * DynamicSerializer}, whose tag 0 is null, or a {@code NullableSerializer}), else wrapped.
   */
  public static <T> TypeSerializer<T> wrap(TypeSerializer<T> serializer) {
    if (serializer instanceof NullableSerializer || serializer instanceof DynamicSerializer) {
      return serializer;
    }
    return new NullableSerializer<>(serializer);
  }

  public TypeSerializer<T> getInner() {
    return inner;
  }

  @Override
  public void serialize(T value, DataOutputView target) throws IOException {
    if (value == null) {
      target.writeByte(NULL);
    } else {
      target.writeByte(PRESENT);
      inner.serialize(value, target);
    }
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte marker = source.readByte();
    if (marker == PRESENT) {
      return inner.deserialize(source);
    }
    if (marker == NULL) {
      return null;
    }
    throw new IOException("Corrupt data: null marker " + marker + " is neither 0 nor 1");
  }

  @Override
  public T copy(T value) {
    return value == null ? null : inner.copy(value);
  }

  @Override
  public TypeSerializer<T> duplicate() {
    TypeSerializer<T> copy = inner.duplicate();
    return copy == inner ? this : new NullableSerializer<>(copy);
  }
}
