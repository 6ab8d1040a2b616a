package io.nagare.api.configuration;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration values by key. Values are kept as strings, as they come from YAML files and
 * {@code -Dkey=value} overrides, and converted on read by the option's type; a value that does not
 * convert fails with a message naming the key (and the value, unless the key is {@linkplain
 * SensitiveSettings sensitive}). Not thread-safe: build it, then share it read-only.
 */
public final class Configuration implements Serializable {
  private final TreeMap<String, String> values = new TreeMap<>();

  public Configuration() {}

  public Configuration(Configuration other) {
    values.putAll(other.values);
  }

  /** The option's value, or its default if unset. */
  public <T> T get(ConfigOption<T> option) {
    String raw = values.get(option.key());
    return raw == null ? option.defaultValue() : convert(option, raw);
  }

  public <T> Configuration set(ConfigOption<T> option, T value) {
    values.put(option.key(), format(value));
    return this;
  }

  /** Sets a raw string value; it is validated when read (or by {@code ConfigValidator}). */
  public Configuration setString(String key, String value) {
    values.put(key, value);
    return this;
  }

  public String getString(String key) {
    return values.get(key);
  }

  public boolean contains(ConfigOption<?> option) {
    return values.containsKey(option.key());
  }

  /** Adds all of {@code other}'s values, overriding equal keys. */
  public Configuration addAll(Configuration other) {
    values.putAll(other.values);
    return this;
  }

  /** All explicitly set values, sorted by key. */
  public Map<String, String> toMap() {
    return Collections.unmodifiableMap(values);
  }

  /**
   * Converts {@code raw} to the option's type.
   *
   * @throws IllegalArgumentException naming the key and the value if it does not convert
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> T convert(ConfigOption<T> option, String raw) {
    Class<T> type = option.type();
    String v = raw.trim();
    try {
      if (type == String.class) return (T) raw;
      if (type == Integer.class) return (T) Integer.valueOf(v);
      if (type == Long.class) return (T) Long.valueOf(v);
      if (type == Double.class) return (T) Double.valueOf(v);
      if (type == Boolean.class) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
          return (T) Boolean.valueOf(v.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("expected true or false");
      }
      if (type == Duration.class) return (T) TimeUtils.parseDuration(v);
      if (type == MemorySize.class) return (T) MemorySize.parse(v);
      if (type.isEnum()) {
        for (Object c : type.getEnumConstants()) {
          if (((Enum) c).name().equalsIgnoreCase(v.replace('-', '_'))) {
            return (T) c;
          }
        }
        throw new IllegalArgumentException("expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
      }
    } catch (IllegalArgumentException e) {
      if (SensitiveSettings.isSensitive(option.key())) {
        throw new IllegalArgumentException("Invalid value " + SensitiveSettings.MASK + " for configuration key '"
            + option.key() + "' (" + type.getSimpleName() + "): the value is secret and not shown");
      }
      throw new IllegalArgumentException("Invalid value '" + raw + "' for configuration key '" + option.key()
          + "' (" + type.getSimpleName() + "): " + e.getMessage(), e);
    }
    throw new IllegalStateException("Unsupported option type " + type + " of '" + option.key() + "'");
  }

  private static String format(Object value) {
    if (value instanceof Duration) {
      return ((Duration) value).toMillis() + " ms";
    }
    return String.valueOf(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Configuration && ((Configuration) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The settings, sensitive values masked ({@link SensitiveSettings}). */
  @Override
  public String toString() {
    return SensitiveSettings.masked(values).toString();
  }
}
