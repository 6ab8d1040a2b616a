package io.nagare.connectors.jdbc;

/**
 * A failed step of a writer (connecting, executing a batch, committing), described for the job's
 * failure, and whether the step may succeed if tried again on a new connection. Writers retry those
 * that may, and turn the others (and the last retry) into a {@link JdbcSinkException}. A batch the
 * database refused without saying which record it refused is {@link #unlocated()}: the writer may
 * ask {@link BatchStatement#locate} to find the record.
 */
final class WriteFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retriable;
  private final boolean unlocated;

  WriteFailure(String message, Throwable cause, boolean retriable) {
    this(message, cause, retriable, false);
  }

  WriteFailure(String message, Throwable cause, boolean retriable, boolean unlocated) {
    super(message, cause);
    this.retriable = retriable;
    this.unlocated = unlocated;
  }

  boolean retriable() {
    return retriable;
  }

  /** Whether the database refused one of the batch's records without saying which. */
  boolean unlocated() {
    return unlocated;
  }

  /** The failure for the job, with {@code addition} after the message (may be empty). */
  JdbcSinkException toSinkException(String addition) {
    JdbcSinkException e = new JdbcSinkException(getMessage() + addition, getCause());
    for (Throwable s : getSuppressed()) {
      e.addSuppressed(s);
    }
    return e;
  }
}
