package io.nagare.cluster;

/**
 * A subtask failed on a task manager: carries the original exception's {@code toString()} as its
 * message and the task manager's stack trace as text, since exceptions do not travel between
 * processes as objects.
 */
public final class RemoteTaskException extends Exception {
  private final String remoteStackTrace;

  public RemoteTaskException(String message, String remoteStackTrace) {
    super(message);
    this.remoteStackTrace = remoteStackTrace;
  }

  /** The original exception's {@code toString()}, so logs and REST name it rather than this class. */
  @Override
  public String toString() {
    return getMessage();
  }

  /** Prints the task manager's stack trace of the original exception. */
  @Override
  public void printStackTrace(java.io.PrintWriter s) {
    s.print(remoteStackTrace == null ? toString() + System.lineSeparator() : remoteStackTrace);
  }

  /** The stack trace as the task manager printed it. */
  public String remoteStackTrace() {
    return remoteStackTrace;
  }
}
