package io.nagare.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.connectors.jdbc.testing.PostgresExtension;
import io.nagare.testing.TestingWriterInitContext;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An at-least-once writer driven by hand, as its subtask's thread would, against a real PostgreSQL. */
class AtLeastOnceWriterTest {
  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();

  private static final SinkWriter.Context NO_CONTEXT = new SinkWriter.Context() {
    @Override
    public long currentWatermark() {
      return Long.MIN_VALUE;
    }

    @Override
    public Long timestamp() {
      return null;
    }
  };

  private static List<String> rows(String table) throws SQLException {
    return NumbersInTables.rows(postgres, "SELECT n FROM " + table + " ORDER BY n");
  }

  @Test
  void aFullBatchIsCommittedAtOnceAndTheRestAtTheBarrier() throws Exception {
    NumbersInTables.createInsertTable(postgres, "by_size");
    JdbcSink<Long> sink = NumbersInTables.insertSink(postgres, "by_size").setBatchSize(3).build();
    try (SinkWriter<Long> writer = sink.createWriter(new TestingWriterInitContext("to Postgres", 0, 1))) {
      writer.write(1L, NO_CONTEXT);
      writer.write(2L, NO_CONTEXT);
      assertThat(rows("by_size")).isEmpty();

      writer.write(3L, NO_CONTEXT);
      assertThat(rows("by_size")).containsExactly("1", "2", "3");

      writer.write(4L, NO_CONTEXT);
      assertThat(rows("by_size")).containsExactly("1", "2", "3");

      writer.flush(false);
      assertThat(rows("by_size")).containsExactly("1", "2", "3", "4");
    }
  }

  @Test
  void theBatchIntervalCommitsAnUnfullBatchOnTheSubtasksClock() throws Exception {
    NumbersInTables.createInsertTable(postgres, "by_interval");
    TestingWriterInitContext context = new TestingWriterInitContext("to Postgres", 0, 1);
    JdbcSink<Long> sink = NumbersInTables.insertSink(postgres, "by_interval")
        .setBatchInterval(Duration.ofMillis(200)).build();
    try (SinkWriter<Long> writer = sink.createWriter(context)) {
      context.setCurrentTime(1_000);
      writer.write(1L, NO_CONTEXT);
      context.setCurrentTime(1_100);
      writer.write(2L, NO_CONTEXT);
      assertThat(context.pendingTimers()).as("one timer per batch, from its first record").isEqualTo(1);

      context.setCurrentTime(1_199);
      assertThat(rows("by_interval")).isEmpty();

      context.setCurrentTime(1_200);
      assertThat(rows("by_interval")).containsExactly("1", "2");
      assertThat(context.pendingTimers()).isZero();

      writer.write(3L, NO_CONTEXT);
      writer.flush(false);
      assertThat(rows("by_interval")).containsExactly("1", "2", "3");
      assertThat(context.pendingTimers()).as("the barrier's flush withdrew the timer").isZero();
    }
  }

  @Test
  void aFailingStatementBuilderFailsNamingTheRecordSinceTheLastCheckpoint() throws Exception {
    NumbersInTables.createInsertTable(postgres, "builder_fails");
    JdbcSink<Long> sink = JdbcSink.<Long>builder().setUrl(postgres.url()).setUsername(postgres.username())
        .setPassword(postgres.password()).setSql("INSERT INTO builder_fails (n, label) VALUES (?, ?)")
        .setStatementBuilder((statement, n) -> {
          if (n == 13) {
            throw new IllegalArgumentException("no label for 13");
          }
          statement.setLong(1, n);
          statement.setString(2, "n" + n);
        })
        .build();
    try (SinkWriter<Long> writer = sink.createWriter(new TestingWriterInitContext("to Postgres", 1, 3))) {
      writer.write(11L, NO_CONTEXT);
      writer.flush(false);
      writer.write(12L, NO_CONTEXT);
      writer.write(13L, NO_CONTEXT);

      Throwable failure = catchThrowable(() -> writer.flush(false));

      assertThat(failure).isInstanceOf(JdbcSinkException.class).hasMessage("JDBC sink 'to Postgres' (subtask 2/3): the"
          + " statement builder failed on the 2nd record since the last checkpoint: java.lang.IllegalArgumentException:"
          + " no label for 13");
      assertThat(rows("builder_fails")).containsExactly("11");
    }
  }

  @Test
  void aRefusedRecordInABatchIsNamedAndTheBatchRolledBack() throws Exception {
    postgres.execute("CREATE TABLE refused_in_batch (n BIGINT PRIMARY KEY, label TEXT NOT NULL)");
    JdbcSink<Long> sink = NumbersInTables.insertSink(postgres, "refused_in_batch").setBatchSize(5).build();
    try (SinkWriter<Long> writer = sink.createWriter(new TestingWriterInitContext("to Postgres", 0, 1))) {
      writer.write(1L, NO_CONTEXT);
      writer.flush(false);
      for (long n : new long[] {2, 3, 4, 2}) {
        writer.write(n, NO_CONTEXT);
      }

      Throwable failure = catchThrowable(() -> writer.write(5L, NO_CONTEXT));

      assertThat(failure).isInstanceOf(JdbcSinkException.class).hasMessage("JDBC sink 'to Postgres' (subtask 1/1): the"
          + " database at " + postgres.url() + " refused the 4th record since the last checkpoint (SQLState 23505): ERROR:"
          + " duplicate key value violates unique constraint \"refused_in_batch_pkey\" Detail: Key (n)=(2) already"
          + " exists.");
      assertThat(rows("refused_in_batch")).containsExactly("1");
    }
  }
}
