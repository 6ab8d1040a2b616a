package io.nagare.connectors.kafka.sink;

/**
 * A {@link KafkaSink} could not write: a send Kafka refused or never acknowledged. It fails the
 * job; its message names the sink, the subtask, the topic and Kafka's reason, and is all its
 * {@link #toString()} shows, so the job's failure reads as that message.
 */
public final class KafkaSinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KafkaSinkException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
