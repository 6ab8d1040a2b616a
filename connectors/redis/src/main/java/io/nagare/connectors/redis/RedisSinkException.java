package io.nagare.connectors.redis;

import java.io.IOException;

/**
 * A {@link RedisSink} could not write: Redis could not be reached, the connection was lost while a
 * batch was in flight, Redis refused a command, or the mapper failed. It fails the job; its message
 * names the sink, its subtask and Redis' address, and for a record the command (name and key, never
 * the value) and the record's position since the last checkpoint. {@link #toString()} shows the
 * message alone, so the job's failure reads as it.
 */
public final class RedisSinkException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause} (may be null). */
  public RedisSinkException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
