package io.nagare.connectors.jdbc;

import static io.nagare.connectors.jdbc.NumbersInTables.assertInsertedOnce;
import static io.nagare.connectors.jdbc.NumbersInTables.assertUpserted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.jdbc.testing.PostgresExtension;
import io.nagare.testing.FailingOnceAt;
import io.nagare.testing.HeldNumbers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole jobs writing to a real PostgreSQL with {@code DataStream.sinkTo} in the local runtime. */
class JdbcSinkJobTest {
  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();

  @Test
  void aBoundedJobUpsertsEveryRecord() throws Exception {
    NumbersInTables.createUpsertTable(postgres, "bounded_upserts");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(0, 1_999).sinkTo(NumbersInTables.upsertSink(postgres, "bounded_upserts").setBatchSize(100).build())
        .name("to Postgres");

    env.execute("bounded to Postgres");

    assertUpserted(postgres, "bounded_upserts", 2_000);
  }

  @Test
  void aBoundedExactlyOnceJobInsertsEveryRecordOnceAndLeavesNoTransactionPrepared() throws Exception {
    NumbersInTables.createInsertTable(postgres, "bounded_inserts");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.fromSequence(0, 1_999)
        .sinkTo(NumbersInTables.insertSink(postgres, "bounded_inserts").setBatchSize(100)
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).build())
        .name("to Postgres");

    env.execute("bounded exactly once to Postgres");

    assertInsertedOnce(postgres, "bounded_inserts", 2_000);
    assertThat(NumbersInTables.preparedTransactions(postgres)).isEmpty();
  }

  /**
   * Fails once at a seeded position after the checkpoint at the hold points. With batches larger
   * than the input, rows reach the database only at checkpoints and at the end, so the rows before
   * the restored checkpoint are there only if the checkpoint's flush (or prepared transaction)
   * wrote them; with smaller batches, batches written between checkpoints are replayed over (upserts)
   * or rolled back with their transaction (exactly once).
   */
  @ParameterizedTest(name = "{0} with {1}, seed {2}, batch size {3}")
  @CsvSource({
      "AT_LEAST_ONCE, upserts, 7, 500",
      "AT_LEAST_ONCE, upserts, 1000003, 100000",
      "EXACTLY_ONCE, inserts, 7, 500",
      "EXACTLY_ONCE, inserts, 1000003, 100000"})
  void aFailureAfterACheckpointLeavesWhatARunWithoutFailuresLeaves(DeliveryGuarantee guarantee, String statements,
      long seed, int batchSize) throws Exception {
    String table = "failover_" + statements + "_" + guarantee.name().toLowerCase() + "_" + seed + "_" + batchSize;
    boolean upserts = statements.equals("upserts");
    if (upserts) {
      NumbersInTables.createUpsertTable(postgres, table);
    } else {
      NumbersInTables.createInsertTable(postgres, table);
    }
    HeldNumbers source = new HeldNumbers(20_000, Set.of(1_000L, 11_000L));
    Random random = new Random(seed);
    long failAt = random.nextInt(2) * 10_000L + 1_000 + random.nextInt(9_000);
    String failure = UUID.randomUUID().toString();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ofMillis(10));
    JdbcSinkBuilder<Long> sink = upserts ? NumbersInTables.upsertSink(postgres, table)
        : NumbersInTables.insertSink(postgres, table);
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .map(new FailingOnceAt(failAt, failure), Types.LONG)
        .sinkTo(sink.setBatchSize(batchSize).setDeliveryGuarantee(guarantee).build()).name("to Postgres");
    JobClient job = env.executeAsync("fails once at " + failAt);

    source.awaitAllHeldAfterACheckpoint(Duration.ofMinutes(1));
    source.openGate();
    JobExecutionResult result = job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

    assertThat(FailingOnceAt.FAILED).as("failed at %d", failAt).containsEntry(failure, true);
    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).as("restored from a checkpoint, not from the start")
        .singleElement().satisfies(id -> assertThat(id).isPositive());
    if (upserts) {
      assertUpserted(postgres, table, 20_000);
    } else {
      assertInsertedOnce(postgres, table, 20_000);
    }
    assertThat(NumbersInTables.preparedTransactions(postgres)).isEmpty();
  }

  @Test
  void anUnreachableDatabaseFailsTheJobNamingTheSinkAndTheUrlButNoPassword() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/nagare";
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 3)
        .sinkTo(JdbcSink.<Long>builder().setUrl(url).setUsername("nagare").setPassword(postgres.password())
            .setSql("INSERT INTO nowhere (n) VALUES (?)").setStatementBuilder((s, n) -> s.setLong(1, n))
            .setMaxRetries(1).build())
        .name("to Postgres");

    Throwable failure = catchThrowable(() -> env.execute("no database"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(FailingOnceAt.messages(failure)).contains("JDBC sink 'to Postgres' (subtask 1/1) cannot connect to " + url
        + " (SQLState 08001): Connection to 127.0.0.1:" + port + " refused. Check that the hostname and port are"
        + " correct and that the postmaster is accepting TCP/IP connections. (2 attempts)");
    assertThat(String.join("\n", FailingOnceAt.messages(failure))).doesNotContain(postgres.password());
  }

  @Test
  void aWrongPasswordFailsTheJobAtOnceWithoutShowingIt() throws Exception {
    String wrong = "wrong-" + UUID.randomUUID();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 3)
        .sinkTo(JdbcSink.<Long>builder().setUrl(postgres.url()).setUsername(postgres.username()).setPassword(wrong)
            .setSql("INSERT INTO nowhere (n) VALUES (?)").setStatementBuilder((s, n) -> s.setLong(1, n)).build())
        .name("to Postgres");

    Throwable failure = catchThrowable(() -> env.execute("wrong password"));

    assertThat(FailingOnceAt.messages(failure)).contains("JDBC sink 'to Postgres' (subtask 1/1) cannot connect to " + postgres.url()
        + " (SQLState 28P01): FATAL: password authentication failed for user \"nagare\"");
    assertThat(String.join("\n", FailingOnceAt.messages(failure))).doesNotContain(wrong);
  }

  @Test
  void aUniqueViolationOfAPlainInsertFailsTheJobNamingTheSinkTheSqlStateAndTheRecord() throws Exception {
    postgres.execute("CREATE TABLE unique_names (name TEXT PRIMARY KEY)", "INSERT INTO unique_names VALUES ('c')");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromElements("a", "b", "c", "d")
        .sinkTo(JdbcSink.<String>builder().setUrl(postgres.url()).setUsername(postgres.username())
            .setPassword(postgres.password())
            .setSql("INSERT INTO unique_names (name) VALUES (?)").setStatementBuilder((s, name) -> s.setString(1, name))
            .build())
        .name("to Postgres");

    Throwable failure = catchThrowable(() -> env.execute("duplicate key"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(FailingOnceAt.messages(failure)).contains("JDBC sink 'to Postgres' (subtask 1/1): the database at " + postgres.url()
        + " refused the 3rd record since the subtask started (SQLState 23505): ERROR: duplicate key value violates"
        + " unique constraint \"unique_names_pkey\" Detail: Key (name)=(c) already exists.");
    assertThat(NumbersInTables.rows(postgres, "SELECT name FROM unique_names ORDER BY name"))
        .as("the batch with the refused record is rolled back").containsExactly("c");
  }

  @Test
  void badSqlFailsTheJobNamingTheSqlStateAndTheFirstRecord() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromElements("a", "b")
        .sinkTo(JdbcSink.<String>builder().setUrl(postgres.url()).setUsername(postgres.username())
            .setPassword(postgres.password())
            .setSql("INSERT INTO no_such_table (name) VALUES (?)").setStatementBuilder((s, name) -> s.setString(1, name))
            .build())
        .name("to Postgres");

    Throwable failure = catchThrowable(() -> env.execute("bad sql"));

    assertThat(FailingOnceAt.messages(failure)).contains("JDBC sink 'to Postgres' (subtask 1/1): the database at " + postgres.url()
        + " refused the 1st record since the subtask started (SQLState 42P01): ERROR: relation \"no_such_table\" does"
        + " not exist Position: 13");
  }

  @Test
  void exactlyOnceWithoutCheckpointingIsRefusedBeforeTheJobRuns() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 3).sinkTo(NumbersInTables.insertSink(postgres, "never_written")
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).build()).name("to Postgres");

    Throwable failure = catchThrowable(() -> env.execute("exactly once without checkpoints"));

    assertThat(FailingOnceAt.messages(failure)).contains("JDBC sink 'to Postgres': EXACTLY_ONCE needs checkpointing (rows are"
        + " committed when a checkpoint completes), but execution.checkpointing.interval is not set: set it (for example"
        + " 10 s), or use DeliveryGuarantee.AT_LEAST_ONCE");
  }

  @Test
  void twoExactlyOnceSinksWithOnePrefixAreRefusedBeforeTheJobRuns() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(1_000);
    for (String name : List.of("first", "second")) {
      env.fromSequence(1, 3).sinkTo(NumbersInTables.insertSink(postgres, "never_written")
          .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).setTransactionIdPrefix("shared").build()).name(name);
    }

    Throwable failure = catchThrowable(() -> env.execute("one prefix twice"));

    assertThat(String.join("\n", FailingOnceAt.messages(failure))).contains("JDBC transaction id prefix").contains("shared")
        .contains("first").contains("second");
  }

}
