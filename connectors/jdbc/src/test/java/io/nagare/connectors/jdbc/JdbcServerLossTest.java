package io.nagare.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.jdbc.testing.PostgresExtension;
import io.nagare.testing.HeldNumbers;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL crashes while a job writes to it ({@code pg_ctl stop -m immediate}: no shutdown
 * checkpoint, open transactions lost, committed and prepared ones recovered from the write-ahead
 * log) and comes back on the same port with the same data. The crash happens while every reader
 * waits at its hold point after a checkpoint, so the test knows what that checkpoint covers. The
 * sink's batches are larger than the input, so only checkpoints (and the end) write.
 */
class JdbcServerLossTest {
  private static final long COUNT = 20_000;

  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();

  @Test
  void anAtLeastOnceJobWithoutRetriesRestartsFromItsCheckpointAndLeavesExactUpserts() throws Exception {
    NumbersInTables.createUpsertTable(postgres, "loss_upserts");
    JobExecutionResult result = runThroughACrash(NumbersInTables.upsertSink(postgres, "loss_upserts").setMaxRetries(0),
        "SELECT v FROM loss_upserts WHERE k IN (99, 1099) ORDER BY k");

    assertThat(result.getRestarts()).as("the writers' connections broke with the crash").isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).singleElement().satisfies(id -> assertThat(id).isPositive());
    NumbersInTables.assertUpserted(postgres, "loss_upserts", COUNT);
  }

  @Test
  void anExactlyOnceJobWithoutRetriesRestartsFromItsCheckpointAndInsertsEveryRecordOnce() throws Exception {
    NumbersInTables.createInsertTable(postgres, "loss_inserts");
    JobExecutionResult result = runThroughACrash(NumbersInTables.insertSink(postgres, "loss_inserts").setMaxRetries(0)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE), "SELECT n FROM loss_inserts WHERE n IN (999, 10999) ORDER BY n");

    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).singleElement().satisfies(id -> assertThat(id).isPositive());
    NumbersInTables.assertInsertedOnce(postgres, "loss_inserts", COUNT);
    assertThat(NumbersInTables.preparedTransactions(postgres)).isEmpty();
  }

  @Test
  void retriesReconnectAfterTheCrashWithoutRestartingTheJob() throws Exception {
    NumbersInTables.createUpsertTable(postgres, "loss_retried");
    JobExecutionResult result = runThroughACrash(NumbersInTables.upsertSink(postgres, "loss_retried").setMaxRetries(3),
        "SELECT v FROM loss_retried WHERE k IN (99, 1099) ORDER BY k");

    assertThat(result.getRestarts()).as("the first batch after the crash retried on a new connection").isZero();
    NumbersInTables.assertUpserted(postgres, "loss_retried", COUNT);
  }

  @Test
  void anExactlyOnceJobRetriesItsNextTransactionAndCommitsAfterTheCrashWithoutRestarting() throws Exception {
    NumbersInTables.createInsertTable(postgres, "loss_inserts_retried");
    JobExecutionResult result = runThroughACrash(NumbersInTables.insertSink(postgres, "loss_inserts_retried")
        .setMaxRetries(3).setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE),
        "SELECT n FROM loss_inserts_retried WHERE n IN (999, 10999) ORDER BY n");

    assertThat(result.getRestarts()).as("writers and committers retried on new connections").isZero();
    NumbersInTables.assertInsertedOnce(postgres, "loss_inserts_retried", COUNT);
    assertThat(NumbersInTables.preparedTransactions(postgres)).isEmpty();
  }

  /**
   * Runs the numbers into {@code sink} with checkpoints, crashes and restarts PostgreSQL while the
   * readers hold after a checkpoint, and lets them go on; {@code lastBeforeHolds} must read the
   * values the checkpoint wrote for the numbers just before the hold points, 999 and 10999.
   */
  private static JobExecutionResult runThroughACrash(JdbcSinkBuilder<Long> sink, String lastBeforeHolds)
      throws Exception {
    HeldNumbers source = new HeldNumbers(COUNT, Set.of(1_000L, 11_000L));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ofMillis(10));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .sinkTo(sink.setBatchSize(100_000).build())
        .name("to Postgres");
    JobClient job = env.executeAsync("PostgreSQL goes away");

    source.awaitAllHeldAfterACheckpoint(Duration.ofMinutes(1));
    assertThat(NumbersInTables.rows(postgres, lastBeforeHolds))
        .as("the checkpoint at the hold points covers every number before them")
        .containsExactly("999", "10999");
    postgres.server().crash();
    postgres.server().restart();
    source.openGate();
    return job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
  }
}
