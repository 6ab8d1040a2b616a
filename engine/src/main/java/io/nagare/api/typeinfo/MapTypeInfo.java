package io.nagare.api.typeinfo;

import java.util.Map;
import java.util.Objects;

/** A {@code java.util.Map}; deserialized as a {@code HashMap}. Values may be null, keys not. */
public final class MapTypeInfo<K, V> extends TypeInformation<Map<K, V>> {
  private final TypeInformation<K> keyType;
  private final TypeInformation<V> valueType;

  public MapTypeInfo(TypeInformation<K> keyType, TypeInformation<V> valueType) {
    this.keyType = keyType;
    this.valueType = valueType;
  }

  public TypeInformation<K> getKeyType() {
    return keyType;
  }

  public TypeInformation<V> getValueType() {
    return valueType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Map<K, V>> getTypeClass() {
    return (Class) Map.class;
  }

  @Override
  public boolean isGeneric() {
    return keyType.isGeneric() || valueType.isGeneric();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapTypeInfo && ((MapTypeInfo<?, ?>) o).keyType.equals(keyType)
        && ((MapTypeInfo<?, ?>) o).valueType.equals(valueType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyType, valueType);
  }

  @Override
  public String toString() {
    return "Map<" + keyType + ", " + valueType + ">";
  }
}
