package io.nagare.api.configuration;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which settings hold secrets, by key, and their masked form: passwords (of key stores, trust
 * stores, keys, databases), secrets, tokens, keytabs, credentials, API and account keys, JAAS and
 * SASL configurations, authentication headers. Everything that shows settings (REST's
 * {@code /jobmanager/config} and {@code /jobs/<id>/config}, the web UI, logs, {@link
 * Configuration#toString()}, validation errors) shows {@link #MASK} for them. Stateless.
 */
public final class SensitiveSettings {
  /** What replaces the value of a sensitive setting. */
  public static final String MASK = "******";

  private static final Pattern SENSITIVE = Pattern.compile(
      "password|passwd|secret|token|keytab|credential|apikey|api-key|api\\.key|private-key|private\\.key"
          + "|auth-params|service-key|basic-auth|jaas|sasl\\.(jaas|password|login)|http-headers|account\\.key"
          + "|access-key|access\\.key|signature");

  private SensitiveSettings() {}

  /** Whether {@code key}'s value is a secret that must never be shown. */
  public static boolean isSensitive(String key) {
    return SENSITIVE.matcher(key.toLowerCase(Locale.ROOT)).find();
  }

  /** {@code value}, or {@link #MASK} if {@code key} is sensitive. */
  public static String mask(String key, String value) {
    return isSensitive(key) ? MASK : value;
  }

  /** A sorted copy of {@code settings} with sensitive values masked. */
  public static Map<String, String> masked(Map<String, String> settings) {
    Map<String, String> copy = new TreeMap<>();
    settings.forEach((k, v) -> copy.put(k, mask(k, v)));
    return copy;
  }
}
