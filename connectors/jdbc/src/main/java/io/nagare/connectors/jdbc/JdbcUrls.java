package io.nagare.connectors.jdbc;

import java.util.regex.Pattern;

/**
 * JDBC URLs as messages and logs show them: a password in the URL (a {@code password=} property,
 * {@code user:password@} before the host, Oracle's {@code user/password@}) is replaced by {@code ***}.
 */
final class JdbcUrls {
  private static final Pattern PROPERTY = Pattern.compile("(?i)([?&;:]\\s*(?:[a-z]*password|passwd|pwd)\\s*=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*):[^/@?;]*@");
  private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:]*)/[^@]*@");

  private JdbcUrls() {}

  /** {@code url} with any password in it replaced by {@code ***}. */
  static String redact(String url) {
    String redacted = PROPERTY.matcher(url).replaceAll("$1***");
    redacted = USER_INFO.matcher(redacted).replaceAll("$1:***@");
    return ORACLE.matcher(redacted).replaceAll("$1/***@");
  }
}
