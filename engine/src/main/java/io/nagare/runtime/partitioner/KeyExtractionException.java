package io.nagare.runtime.partitioner;

/** A user's key selector threw; the cause is its exception. */
public final class KeyExtractionException extends RuntimeException {
  public KeyExtractionException(String message, Throwable cause) {
    super(message, cause);
  }
}
