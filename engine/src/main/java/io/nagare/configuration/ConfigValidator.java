package io.nagare.configuration;

import io.nagare.api.configuration.ConfigOption;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.MemorySize;
import io.nagare.api.configuration.SensitiveSettings;
import java.time.Duration;
import java.util.Map;

/**
 * Checks settings before anything runs: every key must be a known option and every value must
 * parse as its type. Errors name the key, the value and where the setting came from (a file, or
 * {@code -D}), and suggest the closest known key for a typo.
 */
public final class ConfigValidator {
  private final ConfigOptionsRegistry registry;

  public ConfigValidator(ConfigOptionsRegistry registry) {
    this.registry = registry;
  }

  /**
   * Validates {@code settings} and returns them as a {@link Configuration}.
   *
   * @param source where the settings came from, for messages (e.g. {@code conf/nagare-conf.yaml})
   * @throws InvalidConfigurationException at the first bad key or value
   */
  public Configuration validate(Map<String, String> settings, String source) {
    Configuration conf = new Configuration();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String key = e.getKey();
      ConfigOption<?> option = registry.option(key);
      if (option == null) {
        String suggestion = closestKey(key);
        throw new InvalidConfigurationException("Unknown configuration key '" + key + "' (from " + source + ")"
            + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
      }
      try {
        Configuration.convert(option, e.getValue());
      } catch (IllegalArgumentException ex) {
        String shown = SensitiveSettings.isSensitive(key) ? SensitiveSettings.MASK : "'" + e.getValue() + "'";
        throw new InvalidConfigurationException("Invalid value " + shown + " for '" + key + "' (from "
            + source + "): expected " + describe(option.type()));
      }
      conf.setString(key, e.getValue());
    }
    return conf;
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == Long.class) {
      return "an integer";
    }
    if (type == Double.class) {
      return "a number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 200 ms, 10 s or 5 min";
    }
    if (type == MemorySize.class) {
      return "a memory size such as 32 kb, 64 mb or 1 gb";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return "a " + type.getSimpleName();
  }

  /** The known key closest to {@code key} by edit distance, if it is close enough to be a typo. */
  String closestKey(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : registry.all().keySet()) {
      int d = editDistance(key, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 4) ? best : null;
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
