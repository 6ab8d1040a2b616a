package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.lang.reflect.Array;

/**
 * Arrays of objects ({@code String[]}, {@code Tuple2[]}, …) as a var-int element count followed by
 * each element in the {@link NullableSerializer} format (marker byte, then the element; elements of a
 * generic type use the {@link DynamicSerializer} format, which has its own null tag), so elements may
 * be null. Deserializes into an array of the declared component class. Stateful exactly when the
 * element serializer is.
 *
 * @param <C> the component type
 */
public final class ObjectArraySerializer<C> implements TypeSerializer<C[]> {
  private static final long serialVersionUID = 1L;

  private final Class<C> componentClass;
  private final TypeSerializer<C> elementSerializer;

  /** @param elementSerializer writes non-null elements; nulls are handled here (see {@link NullableSerializer#wrap}) */
  public ObjectArraySerializer(Class<C> componentClass, TypeSerializer<C> elementSerializer) {
    this.componentClass = componentClass;
    this.elementSerializer = NullableSerializer.wrap(elementSerializer);
  }

  @Override
  public void serialize(C[] value, DataOutputView target) throws IOException {
    target.writeVarInt(value.length);
    for (C element : value) {
      elementSerializer.serialize(element, target);
    }
  }

  @Override
  public C[] deserialize(DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 1);
    C[] value = newArray(length);
    for (int i = 0; i < length; i++) {
      value[i] = elementSerializer.deserialize(source);
    }
    return value;
  }

  @Override
  public C[] copy(C[] value) {
    C[] copy = newArray(value.length);
    for (int i = 0; i < value.length; i++) {
      copy[i] = elementSerializer.copy(value[i]);
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private C[] newArray(int length) {
    return (C[]) Array.newInstance(componentClass, length);
  }

  public Class<C> getComponentClass() {
    return componentClass;
  }

  /** The elements' serializer, as given (not null-wrapped). */
  public TypeSerializer<C> getElementSerializer() {
    return Serializers.unwrap(elementSerializer);
  }

  @Override
  public TypeSerializer<C[]> duplicate() {
    TypeSerializer<C> copy = elementSerializer.duplicate();
    return copy == elementSerializer ? this : new ObjectArraySerializer<>(componentClass, copy);
  }
}
