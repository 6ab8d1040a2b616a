package io.nagare.connectors.jdbc;

import java.util.Objects;

/**
 * What an exactly-once {@link JdbcSink} writer keeps in checkpoints: the prefix of its transaction
 * ids, so that a writer restored under another prefix (the job or the sink renamed) still finds and
 * rolls back what the old run left prepared.
 */
public final class JdbcWriterState {
  private final String transactionIdPrefix;

  JdbcWriterState(String transactionIdPrefix) {
    this.transactionIdPrefix = Objects.requireNonNull(transactionIdPrefix, "transactionIdPrefix");
  }

  /** The prefix of the writer's XA transaction ids. */
  public String transactionIdPrefix() {
    return transactionIdPrefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JdbcWriterState s && s.transactionIdPrefix.equals(transactionIdPrefix);
  }

  @Override
  public int hashCode() {
    return transactionIdPrefix.hashCode();
  }

  @Override
  public String toString() {
    return "JDBC writer state (transaction id prefix '" + transactionIdPrefix + "')";
  }
}
