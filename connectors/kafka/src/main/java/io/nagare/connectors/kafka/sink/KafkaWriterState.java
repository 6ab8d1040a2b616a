package io.nagare.connectors.kafka.sink;

import java.util.Objects;

/**
 * What a {@link KafkaSink} writer keeps in each checkpoint: the transactional id prefix it used
 * (empty without exactly-once). After a restore, a writer also aborts the transactions left open
 * under a prefix the job used before, if the prefix was changed since.
 */
public final class KafkaWriterState {
  private final String transactionalIdPrefix;

  public KafkaWriterState(String transactionalIdPrefix) {
    this.transactionalIdPrefix = Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
  }

  /** The prefix, or "" if the writer was not transactional. */
  public String transactionalIdPrefix() {
    return transactionalIdPrefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaWriterState s && s.transactionalIdPrefix.equals(transactionalIdPrefix);
  }

  @Override
  public int hashCode() {
    return transactionalIdPrefix.hashCode();
  }

  @Override
  public String toString() {
    return "KafkaWriterState{prefix=" + transactionalIdPrefix + "}";
  }
}
