package io.nagare.connectors.jdbc;

/** Closing JDBC resources without losing a failure. */
final class Resources {
  private Resources() {}

  /**
   * Closes every non-null resource, in order, also when one fails; returns the first failure with
   * the later ones suppressed in it, or null.
   */
  static Exception closeAll(AutoCloseable... resources) {
    Exception first = null;
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    return first;
  }
}
