package io.nagare.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** The sink's small parts without a database: URL redaction, SQL error reading, XA ids, serialisers. */
class JdbcSinkUnitsTest {
  @Test
  void urlsLoseTheirPasswords() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/shop?user=app&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/shop?user=app&password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:mysql://app:s3cret@db:3306/shop")).isEqualTo("jdbc:mysql://app:***@db:3306/shop");
    assertThat(JdbcUrls.redact("jdbc:sqlserver://db:1433;databaseName=shop;Password=s3cret;encrypt=true"))
        .isEqualTo("jdbc:sqlserver://db:1433;databaseName=shop;Password=***;encrypt=true");
    assertThat(JdbcUrls.redact("jdbc:oracle:thin:scott/tiger@db:1521:orcl")).isEqualTo("jdbc:oracle:thin:scott/***@db:1521:orcl");
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/shop?sslpassword=k")).isEqualTo("jdbc:postgresql://db:5432/shop?sslpassword=***");
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/shop")).isEqualTo("jdbc:postgresql://db:5432/shop");
  }

  @Test
  void connectionErrorsSerializationFailuresDeadlocksAndShutdownsAreTransientConstraintViolationsAndSyntaxErrorsNot() {
    for (String state : new String[] {"08001", "08006", "08003", "40001", "40P01", "57P01", "57P03"}) {
      assertThat(SqlErrors.isTransient(new SQLException("x", state))).as(state).isTrue();
    }
    for (String state : new String[] {"23505", "23503", "42601", "42P01", "22001", "28P01", "55P03"}) {
      assertThat(SqlErrors.isTransient(new SQLException("x", state))).as(state).isFalse();
    }
    assertThat(SqlErrors.isTransient(new SQLException("no state"))).isFalse();
    XAException rmFail = new XAException(XAException.XAER_RMFAIL);
    assertThat(SqlErrors.isTransient(rmFail)).isTrue();
    XAException rmErr = new XAException(XAException.XAER_RMERR);
    rmErr.initCause(new SQLException("I/O error", "08006"));
    assertThat(SqlErrors.isTransient(rmErr)).as("through the cause").isTrue();
    BatchUpdateException batch = new BatchUpdateException("Batch entry 1 was aborted", "40P01", new int[0]);
    batch.setNextException(new SQLException("deadlock detected", "40P01"));
    assertThat(SqlErrors.isTransient(batch)).isTrue();
  }

  @Test
  void aBatchFailureIsDescribedByTheDatabasesOwnErrorOnOneLine() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 2 INSERT ... ('secret value') was aborted",
        "23505", new int[] {Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED});
    batch.setNextException(new SQLException("ERROR: duplicate key value\n  Detail: Key (k)=(3) already exists.", "23505"));

    assertThat(SqlErrors.describe(batch))
        .isEqualTo("(SQLState 23505): ERROR: duplicate key value Detail: Key (k)=(3) already exists.");
    assertThat(SqlErrors.sqlState(batch)).isEqualTo("23505");
    assertThat(SqlErrors.blamesARecord(batch)).isTrue();
    assertThat(SqlErrors.blamesARecord(new SQLException("lock timeout", "55P03"))).isFalse();
    assertThat(SqlErrors.describe(new XAException(XAException.XAER_NOTA))).isEqualTo("(XA error code -4): null"
        .replace("null", XAException.class.getName()));
  }

  @Test
  void theFailedEntryOfABatchComesFromUpdateCountsThatTellIt() {
    int failed = Statement.EXECUTE_FAILED;
    assertThat(SqlErrors.failedEntry(new BatchUpdateException(new int[] {1, 1, failed, 1}), 4)).isEqualTo(2);
    assertThat(SqlErrors.failedEntry(new BatchUpdateException(new int[] {1, 1}), 4)).as("stopped after two").isEqualTo(2);
    assertThat(SqlErrors.failedEntry(new BatchUpdateException(new int[] {failed, failed, failed}), 3))
        .as("every entry marked failed tells nothing").isEqualTo(-1);
    assertThat(SqlErrors.failedEntry(new BatchUpdateException(new int[] {failed}), 1)).isZero();
    assertThat(SqlErrors.failedEntry(new SQLException("not a batch"), 3)).isEqualTo(-1);
  }

  @Test
  void xidsNameSubtaskWriterAndTransactionUnderThePrefix() {
    JdbcXid xid = Xids.create("job/sink".getBytes(StandardCharsets.UTF_8), 3, 0xABCDEFL, 7);

    assertThat(xid.getFormatId()).isEqualTo(Xids.FORMAT_ID);
    assertThat(Xids.subtaskOf(xid, Set.of("job/sink"))).hasValue(3);
    assertThat(Xids.subtaskOf(xid, Set.of("job/other"))).isEmpty();
    assertThat(Xids.subtaskOf(new JdbcXid(1, xid.getGlobalTransactionId(), xid.getBranchQualifier()), Set.of("job/sink")))
        .as("another format id").isEmpty();
    assertThat(xid).hasToString("XA transaction 'job/sink' subtask 4, writer 0000000000abcdef, transaction 7");
    assertThat(Xids.create("job/sink".getBytes(StandardCharsets.UTF_8), 3, 0xABCDEFL, 8)).isNotEqualTo(xid);
  }

  @Test
  void theDefaultPrefixIsJobAndSinkNameCutToSixtyFourBytesWithAHash() {
    assertThat(Xids.defaultPrefix("orders", "to Postgres")).isEqualTo("orders/to Postgres");
    String longJob = "é".repeat(40);
    String cut = Xids.defaultPrefix(longJob, "to Postgres");
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    assertThat(cut).startsWith("é".repeat(22) + "~").hasSize(22 + 1 + 16);
    assertThat(Xids.defaultPrefix(longJob, "to Postgres 2")).as("unique per sink").isNotEqualTo(cut);
  }

  @Test
  void committablesAndWriterStatesSurviveTheirSerialisers() throws Exception {
    JdbcCommittable c = new JdbcCommittable(Xids.create("p".getBytes(StandardCharsets.UTF_8), 1, 2, 3));
    JdbcCommittableSerializer committables = new JdbcCommittableSerializer();
    assertThat(committables.deserialize(1, committables.serialize(c))).isEqualTo(c);
    assertThatThrownBy(() -> committables.deserialize(2, committables.serialize(c)))
        .hasMessage("Unknown version 2 of a JDBC sink committable (this nagare reads version 1)");
    assertThatThrownBy(() -> committables.deserialize(1, new byte[] {0, 0, 0, 1, 0, 0, 0, 99}))
        .hasMessage("Corrupt JDBC sink committable: a global transaction id of 99 bytes (at most 64)");

    JdbcWriterStateSerializer states = new JdbcWriterStateSerializer();
    assertThat(states.deserialize(1, states.serialize(new JdbcWriterState("job/sink é"))))
        .isEqualTo(new JdbcWriterState("job/sink é"));
  }
}
