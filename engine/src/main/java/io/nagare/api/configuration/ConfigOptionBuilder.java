package io.nagare.api.configuration;

import java.time.Duration;

/** Builds a {@link ConfigOption}: {@code ConfigOption.key("k").intType().defaultValue(1)}. */
public final class ConfigOptionBuilder {
  private final String key;

  ConfigOptionBuilder(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("A configuration option needs a key.");
    }
    this.key = key;
  }

  public Typed<Integer> intType() {
    return new Typed<>(key, Integer.class);
  }

  public Typed<Long> longType() {
    return new Typed<>(key, Long.class);
  }

  public Typed<Boolean> booleanType() {
    return new Typed<>(key, Boolean.class);
  }

  public Typed<Double> doubleType() {
    return new Typed<>(key, Double.class);
  }

  public Typed<String> stringType() {
    return new Typed<>(key, String.class);
  }

  public Typed<Duration> durationType() {
    return new Typed<>(key, Duration.class);
  }

  public Typed<MemorySize> memoryType() {
    return new Typed<>(key, MemorySize.class);
  }

  public <E extends Enum<E>> Typed<E> enumType(Class<E> enumClass) {
    return new Typed<>(key, enumClass);
  }

  /** The second step: a typed option still waiting for its default. */
  public static final class Typed<T> {
    private final String key;
    private final Class<T> type;

    Typed(String key, Class<T> type) {
      this.key = key;
      this.type = type;
    }

    public ConfigOption<T> defaultValue(T value) {
      return new ConfigOption<>(key, type, value, "");
    }

    public ConfigOption<T> noDefaultValue() {
      return new ConfigOption<>(key, type, null, "");
    }
  }
}
