package io.nagare.configuration;

/** A setting that is not a known option, does not parse, or a configuration file that cannot be read. */
public final class InvalidConfigurationException extends RuntimeException {
  public InvalidConfigurationException(String message) {
    super(message);
  }

  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
