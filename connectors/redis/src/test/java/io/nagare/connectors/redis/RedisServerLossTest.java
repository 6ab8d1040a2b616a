package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.redis.testing.RedisServerExtension;
import io.nagare.testing.HeldNumbers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis crashes while a job writes to it and comes back on the same port. The server logs every
 * write to its append-only file before acknowledging it ({@code --appendonly yes --appendfsync
 * always}), so what a checkpoint covered survives the crash, as it would on a production server with
 * persistence; the test can then demand the complete, exact contents after the job's restart. The
 * sink's batches are larger than the input, so only checkpoints (and the end) send them.
 */
class RedisServerLossTest {
  @RegisterExtension
  static RedisServerExtension redis = new RedisServerExtension(List.of("--appendonly", "yes", "--appendfsync", "always"));

  @Test
  void aJobWhoseServerCrashesRestartsFromItsCheckpointAndLeavesExactContents() throws Exception {
    HeldNumbers source = new HeldNumbers(20_000, Set.of(1_000L, 11_000L));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ofMillis(10));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .sinkTo(RedisSink.<Long>builder().setAddress(redis.address()).setMapper(NumbersInRedis.mapper("loss"))
            .setBatchSize(100_000).build())
        .name("to Redis");
    JobClient job = env.executeAsync("Redis goes away");

    source.awaitAllHeldAfterACheckpoint(Duration.ofMinutes(1));
    assertThat(redis.client().mget("loss:last:99", "loss:last:1099"))
        .as("the checkpoint at the hold points covers every number before them")
        .containsExactly("999", "10999");
    redis.server().crash();
    redis.server().restart();
    source.openGate();
    JobExecutionResult result = job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

    assertThat(result.getRestarts()).as("the writers' connections broke with the crash").isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).singleElement().satisfies(id -> assertThat(id).isPositive());
    NumbersInRedis.assertHolds(redis.client(), "loss", 20_000);
  }
}
