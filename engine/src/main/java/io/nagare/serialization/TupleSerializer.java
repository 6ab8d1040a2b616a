package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple;
import java.io.IOException;

/**
 * {@code Tuple1} … {@code Tuple5} as their fields in order ({@code f0} first), each in its field
 * serializer's format with no marker or length: tuple fields must not be null. Deserializes into the
 * plain {@code TupleN} class of the arity. Stateful exactly when a field serializer is.
 *
 * @param <T> the tuple type
 */
public final class TupleSerializer<T extends Tuple> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<Object>[] fieldSerializers;
  private final int length;

  /** @param fieldSerializers one per field, 1 to {@link Tuple#MAX_ARITY} of them */
  public TupleSerializer(TypeSerializer<Object>[] fieldSerializers) {
    if (fieldSerializers.length < 1 || fieldSerializers.length > Tuple.MAX_ARITY) {
      throw new IllegalArgumentException("No tuple class of arity " + fieldSerializers.length);
    }
    this.fieldSerializers = fieldSerializers.clone();
    this.length = fixedLength(fieldSerializers);
  }

  private static int fixedLength(TypeSerializer<Object>[] serializers) {
    int sum = 0;
    for (TypeSerializer<Object> s : serializers) {
      if (s.getLength() < 0) {
        return -1;
      }
      sum += s.getLength();
    }
    return sum;
  }

  @Override
  public void serialize(T value, DataOutputView target) throws IOException {
    for (int i = 0; i < fieldSerializers.length; i++) {
      Object field = value.getField(i);
      if (field == null) {
        throw nullField(value, i);
      }
      fieldSerializers[i].serialize(field, target);
    }
  }

  private NullPointerException nullField(T value, int pos) {
    return new NullPointerException("Field f" + pos + " of " + value.getClass().getSimpleName() + " " + value
        + " is null: tuple fields must not be null when records travel between subtasks or live in state");
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(DataInputView source) throws IOException {
    T tuple = (T) Tuple.newInstance(fieldSerializers.length);
    for (int i = 0; i < fieldSerializers.length; i++) {
      tuple.setField(fieldSerializers[i].deserialize(source), i);
    }
    return tuple;
  }

  /** A new tuple with deep copies of the fields (null fields stay null). */
  @Override
  @SuppressWarnings("unchecked")
  public T copy(T value) {
    T tuple = (T) Tuple.newInstance(fieldSerializers.length);
    for (int i = 0; i < fieldSerializers.length; i++) {
      Object field = value.getField(i);
      tuple.setField(field == null ? null : fieldSerializers[i].copy(field), i);
    }
    return tuple;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    TypeSerializer<Object>[] copies = Serializers.duplicateAll(fieldSerializers);
    return copies == fieldSerializers ? this : new TupleSerializer<>(copies);
  }

  /** The fields' serializers, {@code f0} first. */
  public TypeSerializer<Object>[] getFieldSerializers() {
    return fieldSerializers.clone();
  }

  @Override
  public int getLength() {
    return length;
  }
}
