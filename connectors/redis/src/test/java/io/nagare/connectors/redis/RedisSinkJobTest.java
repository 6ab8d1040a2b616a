package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.redis.testing.RedisServerExtension;
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

/** Whole jobs writing to a real Redis with {@code DataStream.sinkTo} in the local runtime. */
class RedisSinkJobTest {
  @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();

  private static RedisSinkBuilder<Long> sink(String prefix) {
    return RedisSink.<Long>builder().setAddress(redis.address()).setMapper(NumbersInRedis.mapper(prefix));
  }

  @Test
  void aBoundedJobWritesEveryCommandOfEveryRecord() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(0, 1_999).sinkTo(sink("bounded").setBatchSize(100).build()).name("to Redis");

    env.execute("bounded to Redis");

    NumbersInRedis.assertHolds(redis.client(), "bounded", 2_000);
  }

  @Test
  void incrByCountsEveryRecordOfARunWithoutFailures() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(1, 1_000)
        .sinkTo(RedisSink.<Long>builder().setAddress(redis.address())
            .setMapper(n -> List.of(RedisCommand.incrBy("counted:sum", n), RedisCommand.incrBy("counted:records", 1)))
            .build())
        .name("to Redis");

    env.execute("counting in Redis");

    assertThat(redis.client().mget("counted:sum", "counted:records")).containsExactly("500500", "1000");
  }

  /**
   * Fails once at a seeded position after the checkpoint at the hold points. With batches larger
   * than the input, commands reach Redis only at checkpoints and at the end, so the records before
   * the restored checkpoint are in Redis only if the checkpoint's flush wrote them; with the default
   * batch size, batches sent between checkpoints are replayed over.
   */
  @ParameterizedTest(name = "seed {0}, batch size {1}")
  @CsvSource({"7, 1000", "7, 100000", "1000003, 1000", "1000003, 100000"})
  void aFailureAfterACheckpointLeavesWhatARunWithoutFailuresLeaves(long seed, int batchSize) throws Exception {
    String prefix = "failover-" + seed + "-" + batchSize;
    HeldNumbers source = new HeldNumbers(20_000, Set.of(1_000L, 11_000L));
    Random random = new Random(seed);
    long failAt = random.nextInt(2) * 10_000L + 1_000 + random.nextInt(9_000);
    String failure = UUID.randomUUID().toString();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ofMillis(10));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .map(new FailingOnceAt(failAt, failure), Types.LONG)
        .sinkTo(sink(prefix).setBatchSize(batchSize).build()).name("to Redis");
    JobClient job = env.executeAsync("fails once at " + failAt);

    source.awaitAllHeldAfterACheckpoint(Duration.ofMinutes(1));
    source.openGate();
    JobExecutionResult result = job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

    assertThat(FailingOnceAt.FAILED).as("failed at %d", failAt).containsEntry(failure, true);
    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).as("restored from a checkpoint, not from the start")
        .singleElement().satisfies(id -> assertThat(id).isPositive());
    NumbersInRedis.assertHolds(redis.client(), prefix, 20_000);
  }

  @Test
  void anUnreachableServerFailsTheJobNamingTheSinkAndTheAddress() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 3)
        .sinkTo(RedisSink.<Long>builder().setAddress("127.0.0.1:" + port).setMapper(n -> List.of()).build())
        .name("to Redis");

    Throwable failure = catchThrowable(() -> env.execute("no Redis"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(FailingOnceAt.messages(failure)).contains("Redis sink 'to Redis' (subtask 1/1) cannot connect to Redis at 127.0.0.1:"
        + port + ": Failed to connect to 127.0.0.1:" + port + ". (Connection refused)");
  }

  @Test
  void aCommandRedisRefusesFailsTheJobNamingTheSinkTheCommandAndTheRecord() {
    redis.client().set("refused-in-job:k", "a string");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromElements("a", "b", "c", "d")
        .sinkTo(RedisSink.<String>builder().setAddress(redis.address())
            .setMapper(r -> List.of(r.equals("c")
                ? RedisCommand.hset("refused-in-job:k", "field", r)
                : RedisCommand.set("refused-in-job:" + r, r)))
            .build())
        .name("to Redis");

    Throwable failure = catchThrowable(() -> env.execute("wrong type"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(FailingOnceAt.messages(failure)).contains("Redis sink 'to Redis' (subtask 1/1): Redis at " + redis.address()
        + " refused HSET 'refused-in-job:k' of the 3rd record since the subtask started: WRONGTYPE Operation against a"
        + " key holding the wrong kind of value");
    assertThat(redis.client().get("refused-in-job:k")).isEqualTo("a string");
  }

}
