package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code Map} as a var-int size followed by each entry as its key in the key serializer's format
 * (keys must not be null) and its value in the {@link NullableSerializer} format (or the {@link
 * DynamicSerializer} format for generic values), in the map's iteration order. Deserializes into a
 * {@link HashMap}; {@code copy} returns a new {@code HashMap} of copied keys and values. Stateful
 * exactly when the key or value serializer is.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MapSerializer<K, V> implements TypeSerializer<Map<K, V>> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<K> keySerializer;
  private final TypeSerializer<V> valueSerializer;

  /** @param valueSerializer writes non-null values; nulls are handled here */
  public MapSerializer(TypeSerializer<K> keySerializer, TypeSerializer<V> valueSerializer) {
    this.keySerializer = keySerializer;
    this.valueSerializer = NullableSerializer.wrap(valueSerializer);
  }

  @Override
  public void serialize(Map<K, V> value, DataOutputView target) throws IOException {
    target.writeVarInt(value.size());
    for (Map.Entry<K, V> entry : value.entrySet()) {
      K key = entry.getKey();
      if (key == null) {
        throw new NullPointerException("Map keys must not be null (map " + value + ")");
      }
      keySerializer.serialize(key, target);
      valueSerializer.serialize(entry.getValue(), target);
    }
  }

  @Override
  public Map<K, V> deserialize(DataInputView source) throws IOException {
    int size = source.readVarInt();
    Serializers.checkAvailable(source, size, 1);
    Map<K, V> map = new HashMap<>(Serializers.hashCapacity(size));
    for (int i = 0; i < size; i++) {
      K key = keySerializer.deserialize(source);
      map.put(key, valueSerializer.deserialize(source));
    }
    return map;
  }

  @Override
  public Map<K, V> copy(Map<K, V> value) {
    Map<K, V> map = new HashMap<>(Serializers.hashCapacity(value.size()));
    for (Map.Entry<K, V> entry : value.entrySet()) {
      K key = entry.getKey();
      map.put(key == null ? null : keySerializer.copy(key), valueSerializer.copy(entry.getValue()));
    }
    return map;
  }

  public TypeSerializer<K> getKeySerializer() {
    return keySerializer;
  }

  /** The values' serializer, as given (not null-wrapped). */
  public TypeSerializer<V> getValueSerializer() {
    return Serializers.unwrap(valueSerializer);
  }

  @Override
  public TypeSerializer<Map<K, V>> duplicate() {
    TypeSerializer<K> keys = keySerializer.duplicate();
    TypeSerializer<V> values = valueSerializer.duplicate();
    return keys == keySerializer && values == valueSerializer ? this : new MapSerializer<>(keys, values);
  }
}
