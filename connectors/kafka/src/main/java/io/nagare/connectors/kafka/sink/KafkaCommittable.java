package io.nagare.connectors.kafka.sink;

import java.util.Objects;

/**
 * A pre-committed Kafka transaction of an exactly-once {@link KafkaSink}: what its {@code Committer}
 * needs to commit it, also from another process after a restore. The producer id and epoch are
 * those the transaction ran under (with transactions V2 the broker bumps the epoch when it ends
 * the transaction, so the pair names one transaction).
 */
public final class KafkaCommittable {
  private final String transactionalId;
  private final long producerId;
  private final short epoch;

  public KafkaCommittable(String transactionalId, long producerId, short epoch) {
    this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
    this.producerId = producerId;
    this.epoch = epoch;
  }

  public String transactionalId() {
    return transactionalId;
  }

  public long producerId() {
    return producerId;
  }

  public short epoch() {
    return epoch;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaCommittable c
        && c.transactionalId.equals(transactionalId) && c.producerId == producerId && c.epoch == epoch;
  }

  @Override
  public int hashCode() {
    return Objects.hash(transactionalId, producerId, epoch);
  }

  @Override
  public String toString() {
    return "transaction " + transactionalId + " (producer id " + producerId + ", epoch " + epoch + ")";
  }
}
