package io.nagare.connectors.kafka.sink;

/**
 * What a {@link KafkaSink} promises about each record after failures and restarts.
 *
 * <pre>{@code
 * KafkaSink.<String>builder()...setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 * }</pre>
 */
public enum DeliveryGuarantee {
  /**
   * Each record lands in Kafka once, visible to {@code read_committed} readers when the checkpoint
   * that covers it is complete. Needs checkpointing and a transactional id prefix.
   */
  EXACTLY_ONCE,
  /**
   * No record is lost: every checkpoint waits until Kafka has acknowledged everything written
   * before it. After a restart, records written since the last checkpoint are written again.
   */
  AT_LEAST_ONCE,
  /** Records are sent without waiting at checkpoints; a crash may lose what was still buffered. Send errors still fail the job. */
  NONE
}
