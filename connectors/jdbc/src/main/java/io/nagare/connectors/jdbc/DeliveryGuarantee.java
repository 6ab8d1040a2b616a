package io.nagare.connectors.jdbc;

/**
 * What a {@link JdbcSink} promises about each record after failures and restarts.
 *
 * <pre>{@code
 * JdbcSink.<Order>builder()...setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 * }</pre>
 */
public enum DeliveryGuarantee {
  /**
   * Every checkpoint waits until the database has committed every record written before its barrier.
   * After a restart the records since the last checkpoint are written again: an upsert overwrites
   * what it wrote before (effectively once), a plain insert may add a row twice.
   */
  AT_LEAST_ONCE,
  /**
   * Each subtask writes a checkpoint's records in one XA transaction, prepared at the barrier and
   * committed when the checkpoint completes, so each record's row is committed once. Needs
   * checkpointing, a driver with an {@code XADataSource} and a database that keeps prepared
   * transactions (PostgreSQL: {@code max_prepared_transactions > 0}).
   */
  EXACTLY_ONCE
}
