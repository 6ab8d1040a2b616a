package io.nagare.connectors.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs one batch of a writer: sets the statement's parameters for each pending record with the
 * user's {@link JdbcStatementBuilder}, adds it to the statement's batch and executes the batch. A
 * failure names the sink, the database, the SQLState and the record: the one the builder failed
 * on, or the one the database refused, if the batch's update counts tell it. Many drivers mark every
 * entry of a batch failed when the transaction aborts (PostgreSQL's does); then, if the error blames
 * a record ({@link SqlErrors#blamesARecord}: a constraint violation, bad data or SQL), the writer
 * rolls back and calls {@link #locate}, which executes the records one at a time to find it.
 * A transient failure names the batch's records instead.
 *
 * @param <T> the type of the records
 */
final class BatchStatement<T> {
  private final String sinkName;
  private final String database;
  private final JdbcStatementBuilder<T> builder;

  BatchStatement(String sinkName, String database, JdbcStatementBuilder<T> builder) {
    this.sinkName = sinkName;
    this.database = database;
    this.builder = builder;
  }

  /** Adds every record of {@code records} to {@code statement}'s batch and executes it; does not commit. */
  void execute(PreparedStatement statement, PendingRecords<T> records) throws WriteFailure {
    try {
      statement.clearBatch();
    } catch (SQLException e) {
      throw failure("could not clear the statement's batch for " + records.span(), e);
    }
    for (int i = 0; i < records.size(); i++) {
      setParameters(statement, records, i);
      try {
        statement.addBatch();
      } catch (SQLException e) {
        throw failure("could not add " + records.describe(i) + " to the batch", e);
      }
    }
    try {
      statement.executeBatch();
    } catch (SQLException e) {
      if (SqlErrors.isTransient(e)) {
        throw failure("could not write " + records.span(), e);
      }
      int failed = records.size() == 1 ? 0 : SqlErrors.failedEntry(e, records.size());
      if (failed >= 0) {
        throw refused(records, failed, e);
      }
      throw new WriteFailure(sinkName + ": the database at " + database + " refused one of " + records.span() + " "
          + SqlErrors.describe(e), e, false, SqlErrors.blamesARecord(e));
    }
  }

  /**
   * Finds the record the database refused in a batch that failed with {@code failure}, by executing
   * the records one at a time, in the same order; returns the failure naming it, or {@code failure}
   * if none fails now. The caller runs this in a transaction of its own and rolls it back.
   */
  WriteFailure locate(PreparedStatement statement, PendingRecords<T> records, WriteFailure failure) {
    try {
      statement.clearBatch();
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return failure;
    }
    for (int i = 0; i < records.size(); i++) {
      try {
        setParameters(statement, records, i);
        statement.executeUpdate();
      } catch (SQLException e) {
        if (SqlErrors.isTransient(e)) {
          failure.addSuppressed(e);
          return failure;
        }
        WriteFailure located = refused(records, i, e);
        located.addSuppressed(failure.getCause());
        return located;
      } catch (WriteFailure e) {
        return e;
      }
    }
    return failure;
  }

  private void setParameters(PreparedStatement statement, PendingRecords<T> records, int index) throws WriteFailure {
    try {
      builder.accept(statement, records.get(index));
    } catch (SQLException | RuntimeException e) {
      throw new WriteFailure(sinkName + ": the statement builder failed on " + records.describe(index) + ": " + e, e,
          false);
    }
  }

  private WriteFailure refused(PendingRecords<T> records, int index, SQLException e) {
    return new WriteFailure(sinkName + ": the database at " + database + " refused " + records.describe(index) + " "
        + SqlErrors.describe(e), e, false);
  }

  /** "JDBC sink 'x' (subtask 1/2) could not ... at jdbc:... (SQLState 08006): ...", retriable if transient. */
  WriteFailure failure(String what, Throwable e) {
    return new WriteFailure(sinkName + " " + what + " at " + database + " " + SqlErrors.describe(e), e,
        SqlErrors.isTransient(e));
  }
}
