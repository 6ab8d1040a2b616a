package io.nagare.api.utils;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Program arguments of the form {@code --key value} (or {@code -key value}; a key without a value is
 * a flag), as Flink's ParameterTool reads them:
 *
 * <pre>{@code
 * ParameterTool params = ParameterTool.fromArgs(args);
 * String input = params.getRequired("input");
 * int port = params.getInt("port", 9000);
 * }</pre>
 */
public final class ParameterTool {
  private final Map<String, String> values;

  private ParameterTool(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException for an argument that is not a key where one is expected
   */
  public static ParameterTool fromArgs(String[] args) {
    Map<String, String> map = new LinkedHashMap<>();
    int i = 0;
    while (i < args.length) {
      String a = args[i];
      if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
        throw new IllegalArgumentException("Expected a --key at argument " + (i + 1) + " but found '" + a + "'");
      }
      String key = a.startsWith("--") ? a.substring(2) : a.substring(1);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("Empty key at argument " + (i + 1));
      }
      if (i + 1 < args.length && !isKey(args[i + 1])) {
        map.put(key, args[i + 1]);
        i += 2;
      } else {
        map.put(key, "");
        i++;
      }
    }
    return new ParameterTool(map);
  }

  private static boolean isKey(String s) {
    if (!s.startsWith("-") || s.length() == 1) {
      return false;
    }
    char c = s.charAt(1);
    return !(Character.isDigit(c) || c == '.');
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The value of {@code key}, or null. */
  public String get(String key) {
    return values.get(key);
  }

  public String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  /** @throws IllegalArgumentException naming the key if it is missing */
  public String getRequired(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("Missing required parameter --" + key);
    }
    return v;
  }

  public int getInt(String key) {
    return parseInt(key, getRequired(key));
  }

  public int getInt(String key, int defaultValue) {
    return has(key) ? parseInt(key, values.get(key)) : defaultValue;
  }

  public long getLong(String key) {
    return parseLong(key, getRequired(key));
  }

  public long getLong(String key, long defaultValue) {
    return has(key) ? parseLong(key, values.get(key)) : defaultValue;
  }

  private static int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Parameter --" + key + " must be an integer, was '" + v + "'", e);
    }
  }

  private static long parseLong(String key, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Parameter --" + key + " must be an integer, was '" + v + "'", e);
    }
  }

  public Map<String, String> toMap() {
    return values;
  }
}
