package io.nagare.security;

import java.io.InvalidClassException;

/**
 * Received bytes were not deserialized: they name a class the {@link ClassAllowList} refuses, or
 * break the bounds of {@link DeserializationFilter}. The message says which and how to allow it.
 */
public final class DeserializationRefusedException extends InvalidClassException {
  private static final long serialVersionUID = 1L;

  public DeserializationRefusedException(String reason) {
    super(reason);
  }
}
