package io.nagare.api.configuration;

import java.time.Duration;
import java.util.Locale;

/** Parses durations written like {@code 100 ms}, {@code 10s}, {@code 5 min}, {@code 1h}, {@code 2d}. */
public final class TimeUtils {
  private TimeUtils() {}

  /**
   * Parses {@code text}; a bare number means milliseconds.
   *
   * @throws IllegalArgumentException naming the text if it is not a duration
   */
  public static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 100 ms, 10 s, 5 min, 1 h)");
    }
    long n = Long.parseLong(t.substring(0, i));
    String unit = t.substring(i).trim();
    switch (unit) {
      case "": case "ms": case "milli": case "millis": case "milliseconds": return Duration.ofMillis(n);
      case "s": case "sec": case "secs": case "second": case "seconds": return Duration.ofSeconds(n);
      case "m": case "min": case "mins": case "minute": case "minutes": return Duration.ofMinutes(n);
      case "h": case "hour": case "hours": return Duration.ofHours(n);
      case "d": case "day": case "days": return Duration.ofDays(n);
      default:
        throw new IllegalArgumentException("'" + text + "' has an unknown time unit '" + unit + "' (use ms, s, min, h or d)");
    }
  }
}
