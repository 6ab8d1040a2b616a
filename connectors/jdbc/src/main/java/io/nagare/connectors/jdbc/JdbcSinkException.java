package io.nagare.connectors.jdbc;

import java.io.IOException;

/**
 * A {@link JdbcSink} could not write: the database could not be reached (also after the retries),
 * it refused a statement, the statement builder failed, or a transaction could not be prepared or
 * committed. It fails the job; its message names the sink, its subtask, the database's URL (without
 * passwords), the SQLState and, for a record, its position since the last checkpoint. {@link
 * #toString()} shows the message alone, so the job's failure reads as it.
 */
public final class JdbcSinkException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause} (may be null). */
  public JdbcSinkException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
