package io.nagare.connectors.jdbc;

import java.io.Serializable;
import java.time.Duration;

/**
 * What a {@link JdbcSinkBuilder} was told, checked; travels with the job inside the sink.
 *
 * @param transactionIdPrefix the prefix of XA transaction ids, or null for the default (job and sink name)
 * @param batchInterval the longest a record waits in an unfull batch, or null
 */
record SinkSettings<T>(Database database, String sql, JdbcStatementBuilder<T> statementBuilder, int batchSize,
    Duration batchInterval, int maxRetries, DeliveryGuarantee deliveryGuarantee, String transactionIdPrefix)
    implements Serializable {

  /** "JDBC sink 'to Postgres' (subtask 1/2)". */
  static String sinkName(String operatorName, int subtask, int parallelism) {
    return "JDBC sink '" + operatorName + "' (subtask " + (subtask + 1) + "/" + parallelism + ")";
  }
}
