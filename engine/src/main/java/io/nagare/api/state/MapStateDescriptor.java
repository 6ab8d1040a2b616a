package io.nagare.api.state;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.util.Map;
import java.util.Objects;

/** Describes a {@link MapState} by its key and value types. */
public class MapStateDescriptor<UK, UV> extends StateDescriptor<MapState<UK, UV>, Map<UK, UV>> {
  private final TypeInformation<UK> keyType;
  private final TypeInformation<UV> valueType;

  public MapStateDescriptor(String name, Class<UK> keyType, Class<UV> valueType) {
    this(name, TypeInformation.of(keyType), TypeInformation.of(valueType));
  }

  public MapStateDescriptor(String name, TypeInformation<UK> keyType, TypeInformation<UV> valueType) {
    super(name, Types.MAP(keyType, valueType));
    this.keyType = Objects.requireNonNull(keyType);
    this.valueType = Objects.requireNonNull(valueType);
  }

  public TypeInformation<UK> getKeyType() {
    return keyType;
  }

  public TypeInformation<UV> getValueType() {
    return valueType;
  }

  @Override
  public Kind getKind() {
    return Kind.MAP;
  }
}
