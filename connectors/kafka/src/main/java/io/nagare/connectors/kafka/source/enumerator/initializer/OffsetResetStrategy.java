package io.nagare.connectors.kafka.source.enumerator.initializer;

/**
 * Where to start a partition that has no committed offset (for {@link
 * OffsetsInitializer#committedOffsets(OffsetResetStrategy)}), and what the consumer does when an
 * offset is out of range (its {@code auto.offset.reset}). The same three values as Kafka's
 * deprecated {@code org.apache.kafka.clients.consumer.OffsetResetStrategy}.
 */
public enum OffsetResetStrategy {
  /** The first offset still in the log. */
  EARLIEST,
  /** The end of the log: only records written from then on. */
  LATEST,
  /** No fallback: the source fails, naming the partition. */
  NONE;

  /** The value of the consumer's {@code auto.offset.reset}. */
  public String consumerValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
