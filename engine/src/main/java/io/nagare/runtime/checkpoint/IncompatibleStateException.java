package io.nagare.runtime.checkpoint;

/**
 * A checkpoint's state cannot be restored into this job as it is built: the message names the
 * operator, what the job asks for and what the state was written with, and what to change.
 */
public final class IncompatibleStateException extends Exception {
  public IncompatibleStateException(String message) {
    super(message);
  }
}
