package io.nagare.runtime.source;

/** A source's split enumerator failed; the cause is its exception. */
public final class SourceCoordinatorException extends RuntimeException {
  public SourceCoordinatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
