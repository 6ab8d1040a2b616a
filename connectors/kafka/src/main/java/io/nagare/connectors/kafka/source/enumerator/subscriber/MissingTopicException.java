package io.nagare.connectors.kafka.source.enumerator.subscriber;

/** A topic or partition a Kafka source was told to read does not exist. */
public final class MissingTopicException extends Exception {
  private static final long serialVersionUID = 1L;

  public MissingTopicException(String message) {
    super(message);
  }
}
