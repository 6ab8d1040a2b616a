package io.nagare.connectors.kafka.source;

/**
 * A Kafka source cannot go on: the cluster is unreachable, a topic is missing, access is denied, a
 * record is malformed under the {@code fail} policy. The message names the bootstrap servers and
 * the topic (and partition and offset where there is one); the cause is the Kafka client's
 * exception, if any. It fails the job.
 */
public class KafkaSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KafkaSourceException(String message) {
    super(message);
  }

  public KafkaSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
