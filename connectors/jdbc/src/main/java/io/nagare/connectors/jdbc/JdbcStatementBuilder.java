package io.nagare.connectors.jdbc;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets the parameters of the sink's statement from one record. It travels with the job, so it must
 * be serialisable (a lambda will do); the sink calls it on the subtask's thread, once per record and
 * again when a batch is retried, so it must only set parameters.
 *
 * <pre>{@code
 * JdbcStatementBuilder<Order> builder = (statement, order) -> {
 *   statement.setLong(1, order.id());
 *   statement.setString(2, order.status());
 * };
 * }</pre>
 *
 * @param <T> the type of the records
 */
@FunctionalInterface
public interface JdbcStatementBuilder<T> extends Serializable {
  /** Sets the parameters of {@code statement} for {@code record}; throwing fails the job, naming the record's position. */
  void accept(PreparedStatement statement, T record) throws SQLException;
}
