package io.nagare.api.configuration;

import java.io.Serializable;
import java.util.Objects;

/**
 * One configuration option, declared once with its key, type, default and description. The
 * {@code *Options} classes hold all of them; docs and validation are generated from the same
 * declarations.
 *
 * <pre>{@code
 * public static final ConfigOption<Integer> PARALLELISM =
 *     ConfigOption.key("parallelism.default").intType().defaultValue(1)
 *         .withDescription("Parallelism of operators that do not set their own.");
 * }</pre>
 *
 * @param <T> the value type
 */
public final class ConfigOption<T> implements Serializable {
  private final String key;
  private final Class<T> type;
  private final T defaultValue;
  private final String description;

  ConfigOption(String key, Class<T> type, T defaultValue, String description) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** Starts declaring an option. */
  public static ConfigOptionBuilder key(String key) {
    return new ConfigOptionBuilder(key);
  }

  public String key() {
    return key;
  }

  public Class<T> type() {
    return type;
  }

  /** The default, or null if the option has none. */
  public T defaultValue() {
    return defaultValue;
  }

  public boolean hasDefaultValue() {
    return defaultValue != null;
  }

  public String description() {
    return description;
  }

  /** A copy with a description. */
  public ConfigOption<T> withDescription(String description) {
    return new ConfigOption<>(key, type, defaultValue, description);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigOption && ((ConfigOption<?>) o).key.equals(key) && ((ConfigOption<?>) o).type == type
        && Objects.equals(((ConfigOption<?>) o).defaultValue, defaultValue);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return key + " (" + type.getSimpleName() + ", default " + defaultValue + ")";
  }
}
