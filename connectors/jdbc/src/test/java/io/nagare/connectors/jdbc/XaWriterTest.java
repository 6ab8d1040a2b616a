package io.nagare.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.state.CheckpointListener;
import io.nagare.connectors.jdbc.testing.PostgresExtension;
import io.nagare.testing.TestingCommitRequest;
import io.nagare.testing.TestingWriterInitContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once writers and committers driven by hand, as their subtask's thread would, against a
 * real PostgreSQL: what a prepared transaction shows, commits, idempotent commits, what an opening
 * writer rolls back, and rows waiting while a prepared transaction awaits its commit.
 */
class XaWriterTest {
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

  private static JdbcSinkBuilder<Long> exactlyOnce(JdbcSinkBuilder<Long> builder, String prefix) {
    return builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).setTransactionIdPrefix(prefix);
  }

  @SuppressWarnings("unchecked")
  private static CommittingSinkWriter<Long, JdbcCommittable> writer(JdbcSink<Long> sink, int subtask, int parallelism,
      List<JdbcWriterState> restored) throws Exception {
    return (CommittingSinkWriter<Long, JdbcCommittable>) sink.restoreWriter(
        new TestingWriterInitContext("to Postgres", subtask, parallelism), restored);
  }

  private static Committer<JdbcCommittable> committer(JdbcSink<Long> sink) {
    return sink.createCommitter(new TestingWriterInitContext("to Postgres", 0, 1));
  }

  private static TestingCommitRequest<JdbcCommittable> commit(Committer<JdbcCommittable> committer, JdbcCommittable c) throws Exception {
    TestingCommitRequest<JdbcCommittable> request = new TestingCommitRequest<>(c);
    committer.commit(List.of(request));
    return request;
  }

  /** Writes {@code numbers}, then does what a barrier does: flush, prepare, snapshot. */
  private static JdbcCommittable barrier(CommittingSinkWriter<Long, JdbcCommittable> writer, long checkpointId,
      long... numbers) throws Exception {
    for (long n : numbers) {
      writer.write(n, NO_CONTEXT);
    }
    writer.flush(false);
    Collection<JdbcCommittable> made = writer.prepareCommit();
    ((StatefulSinkWriter<?, ?>) writer).snapshotState(checkpointId);
    assertThat(made).hasSize(1);
    return made.iterator().next();
  }

  private static List<String> numbers(String table) throws SQLException {
    return NumbersInTables.rows(postgres, "SELECT n FROM " + table + " ORDER BY n");
  }

  private static List<String> prepared() throws SQLException {
    return NumbersInTables.preparedTransactions(postgres);
  }

  @Test
  void preparedRowsShowOnlyOnceCommittedAndASecondCommitFindsThemCommitted() throws Exception {
    NumbersInTables.createInsertTable(postgres, "commit_once");
    JdbcSink<Long> sink = exactlyOnce(NumbersInTables.insertSink(postgres, "commit_once"), "commit-once").build();
    try (CommittingSinkWriter<Long, JdbcCommittable> writer = writer(sink, 0, 1, List.of());
        Committer<JdbcCommittable> committer = committer(sink)) {
      JdbcCommittable c = barrier(writer, 1, 1, 2, 3);
      assertThat(numbers("commit_once")).isEmpty();
      assertThat(prepared()).hasSize(1);
      assertThat(writer.prepareCommit()).as("nothing written since the barrier: no transaction").isEmpty();

      assertThat(commit(committer, c).outcome()).isEqualTo(TestingCommitRequest.Outcome.COMMITTED);
      assertThat(numbers("commit_once")).containsExactly("1", "2", "3");
      assertThat(prepared()).isEmpty();

      assertThat(commit(committer, c).outcome()).isEqualTo(TestingCommitRequest.Outcome.ALREADY_COMMITTED);
      assertThat(numbers("commit_once")).containsExactly("1", "2", "3");
    }
  }

  @Test
  void anOpeningWriterRollsBackWhatItsSubtasksLeftPreparedAndNothingElse() throws Exception {
    NumbersInTables.createInsertTable(postgres, "leftovers");
    JdbcSink<Long> sink = exactlyOnce(NumbersInTables.insertSink(postgres, "leftovers"), "leftovers").build();
    JdbcSink<Long> renamed = exactlyOnce(NumbersInTables.insertSink(postgres, "leftovers"), "leftovers-renamed").build();
    JdbcSink<Long> other = exactlyOnce(NumbersInTables.insertSink(postgres, "leftovers"), "another-sink").build();
    List<CommittingSinkWriter<Long, JdbcCommittable>> crashed = new ArrayList<>();
    crashed.add(writer(sink, 0, 2, List.of()));
    crashed.add(writer(sink, 1, 2, List.of()));
    crashed.add(writer(other, 0, 1, List.of()));
    barrier(crashed.get(0), 1, 10, 11);
    barrier(crashed.get(1), 1, 20, 21);
    JdbcCommittable others = barrier(crashed.get(2), 1, 30);
    for (CommittingSinkWriter<Long, JdbcCommittable> w : crashed) {
      w.close();
    }
    assertThat(prepared()).hasSize(3);

    writer(sink, 0, 2, List.of()).close();
    assertThat(prepared()).as("subtask 1 of 2 rolled back its own only").hasSize(2);

    writer(renamed, 0, 1, List.of(new JdbcWriterState("leftovers"))).close();
    assertThat(prepared()).as("a restored writer rolls back under its old prefix too, for every old subtask")
        .hasSize(1);

    try (Committer<JdbcCommittable> committer = committer(other)) {
      assertThat(commit(committer, others).outcome()).isEqualTo(TestingCommitRequest.Outcome.COMMITTED);
    }
    assertThat(numbers("leftovers")).containsExactly("30");
    assertThat(prepared()).isEmpty();
  }

  @Test
  void rowsWaitWhileTheWritersPreparedTransactionAwaitsItsCommit() throws Exception {
    NumbersInTables.createUpsertTable(postgres, "held_back");
    JdbcSink<Long> sink = exactlyOnce(NumbersInTables.upsertSink(postgres, "held_back"), "held-back")
        .setUrl(postgres.url() + "?options=-c%20lock_timeout=10s").setBatchSize(2).build();
    try (CommittingSinkWriter<Long, JdbcCommittable> writer = writer(sink, 0, 1, List.of());
        Committer<JdbcCommittable> committer = committer(sink)) {
      JdbcCommittable first = barrier(writer, 1, 10, 20);

      writer.write(11L, NO_CONTEXT);
      writer.write(21L, NO_CONTEXT);
      assertThat(NumbersInTables.rows(postgres, "SELECT state FROM pg_stat_activity WHERE usename = 'nagare'"
          + " AND state LIKE 'idle in transaction%'")).as("a full batch waits instead of locking on the prepared rows")
          .isEmpty();

      assertThat(commit(committer, first).outcome()).isEqualTo(TestingCommitRequest.Outcome.COMMITTED);
      ((CheckpointListener) writer).notifyCheckpointComplete(1);
      assertThat(NumbersInTables.rows(postgres, "SELECT state FROM pg_stat_activity WHERE usename = 'nagare'"
          + " AND state LIKE 'idle in transaction%'")).as("the waiting batch ran once the commit was known")
          .hasSize(1);
      JdbcCommittable second = barrier(writer, 2);
      assertThat(commit(committer, second).outcome()).isEqualTo(TestingCommitRequest.Outcome.COMMITTED);
    }
    assertThat(NumbersInTables.rows(postgres, "SELECT k, v FROM held_back ORDER BY k")).containsExactly("1,11", "2,21");
  }

  @Test
  void aRefusedRecordIsNamedAndItsTransactionRolledBack() throws Exception {
    postgres.execute("CREATE TABLE xa_refused (n BIGINT PRIMARY KEY, label TEXT NOT NULL)");
    JdbcSink<Long> sink = exactlyOnce(NumbersInTables.insertSink(postgres, "xa_refused"), "xa-refused").build();
    try (CommittingSinkWriter<Long, JdbcCommittable> writer = writer(sink, 0, 1, List.of())) {
      for (long n : new long[] {1, 2, 1}) {
        writer.write(n, NO_CONTEXT);
      }

      Throwable failure = catchThrowable(() -> writer.flush(false));

      assertThat(failure).isInstanceOf(JdbcSinkException.class).hasMessage("JDBC sink 'to Postgres' (subtask 1/1): the"
          + " database at " + postgres.url() + " refused the 3rd record since the subtask started (SQLState 23505):"
          + " ERROR: duplicate key value violates unique constraint \"xa_refused_pkey\" Detail: Key (n)=(1) already"
          + " exists.");
    }
    assertThat(numbers("xa_refused")).isEmpty();
    assertThat(prepared()).isEmpty();
  }
}
