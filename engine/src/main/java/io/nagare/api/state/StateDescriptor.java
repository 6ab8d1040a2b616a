package io.nagare.api.state;

import io.nagare.api.typeinfo.TypeInformation;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a keyed state and gives the type of what it stores. The name identifies the state within
 * its operator, in checkpoints and savepoints too, so keep it stable.
 *
 * @param <S> the state handle type
 * @param <T> the stored value type
 */
public abstract class StateDescriptor<S extends State, T> implements Serializable {
  /** The kinds of keyed state. */
  public enum Kind { VALUE, LIST, MAP, REDUCING, AGGREGATING }

  private final String name;
  private final TypeInformation<T> typeInfo;
  private StateTtlConfig ttlConfig;

  protected StateDescriptor(String name, TypeInformation<T> typeInfo) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A state descriptor needs a non-empty name.");
    }
    this.name = name;
    this.typeInfo = Objects.requireNonNull(typeInfo, "typeInfo of state '" + name + "'");
  }

  public String getName() {
    return name;
  }

  /** The type of the stored value (for lists the element type, for maps see {@link MapStateDescriptor}). */
  public TypeInformation<T> getTypeInfo() {
    return typeInfo;
  }

  public abstract Kind getKind();

  /** Lets values of this state expire (see {@link StateTtlConfig}). */
  public void enableTimeToLive(StateTtlConfig config) {
    this.ttlConfig = Objects.requireNonNull(config, "ttl config of state '" + name + "'");
  }

  /** The time-to-live settings, or null if values never expire. */
  public StateTtlConfig getTtlConfig() {
    return ttlConfig;
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((StateDescriptor<?, ?>) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return getKind() + " state '" + name + "' of " + typeInfo;
  }
}
