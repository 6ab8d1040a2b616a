package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code List} as a var-int size followed by each element in the {@link NullableSerializer} format
 * (or the {@link DynamicSerializer} format for generic elements), so elements may be null.
 * Deserializes into an {@link ArrayList}; {@code copy} returns a new {@code ArrayList} of element
 * copies. Stateful exactly when the element serializer is.
 *
 * @param <E> the element type
 */
public final class ListSerializer<E> implements TypeSerializer<List<E>> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<E> elementSerializer;

  /** @param elementSerializer writes non-null elements; nulls are handled here */
  public ListSerializer(TypeSerializer<E> elementSerializer) {
    this.elementSerializer = NullableSerializer.wrap(elementSerializer);
  }

  @Override
  public void serialize(List<E> value, DataOutputView target) throws IOException {
    target.writeVarInt(value.size());
    for (E element : value) {
      elementSerializer.serialize(element, target);
    }
  }

  @Override
  public List<E> deserialize(DataInputView source) throws IOException {
    int size = source.readVarInt();
    Serializers.checkAvailable(source, size, 1);
    List<E> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(elementSerializer.deserialize(source));
    }
    return list;
  }

  @Override
  public List<E> copy(List<E> value) {
    List<E> list = new ArrayList<>(value.size());
    for (E element : value) {
      list.add(elementSerializer.copy(element));
    }
    return list;
  }

  /** The elements' serializer, as given (not null-wrapped). */
  public TypeSerializer<E> getElementSerializer() {
    return Serializers.unwrap(elementSerializer);
  }

  @Override
  public TypeSerializer<List<E>> duplicate() {
    TypeSerializer<E> copy = elementSerializer.duplicate();
    return copy == elementSerializer ? this : new ListSerializer<>(copy);
  }
}
