package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.connectors.redis.testing.RedisServer;
import io.nagare.connectors.redis.testing.RedisServerExtension;
import io.nagare.testing.TestingWriterInitContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** One writer driven by hand against a real Redis: batches, the flush interval, checkpoints, failures. */
class RedisWriterTest {
  @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();

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

  /** A sink whose records {@code "key=value"} become {@code SET key value}. */
  private static RedisSinkBuilder<String> setSink(String address) {
    return RedisSink.<String>builder()
        .setAddress(address)
        .setMapper(r -> List.of(RedisCommand.set(r.substring(0, r.indexOf('=')), r.substring(r.indexOf('=') + 1))));
  }

  private static RedisWriter<String> open(RedisSinkBuilder<String> builder, TestingWriterInitContext context)
      throws Exception {
    return (RedisWriter<String>) builder.build().createWriter(context);
  }

  @Test
  void aBatchIsSentWhenItHoldsTheBatchSizeAndNotBefore() throws Exception {
    TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 0, 1);
    try (RedisWriter<String> writer = open(setSink(redis.address()).setBatchSize(3), context)) {
      writer.write("batch:1=a", NO_CONTEXT);
      writer.write("batch:2=b", NO_CONTEXT);
      assertThat(redis.client().keys("batch:*")).isEmpty();

      writer.write("batch:3=c", NO_CONTEXT);
      assertThat(redis.client().keys("batch:*")).containsExactlyInAnyOrder("batch:1", "batch:2", "batch:3");

      writer.write("batch:4=d", NO_CONTEXT);
      writer.flush(false);
      assertThat(redis.client().mget("batch:1", "batch:2", "batch:3", "batch:4")).containsExactly("a", "b", "c", "d");
    }
  }

  @Test
  void theFlushIntervalSendsABatchThatIsNotFullOnTheSubtasksClock() throws Exception {
    TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 0, 1);
    try (RedisWriter<String> writer = open(setSink(redis.address()).setFlushInterval(Duration.ofMillis(100)), context)) {
      context.setCurrentTime(1_000);
      writer.write("interval:1=a", NO_CONTEXT);
      context.setCurrentTime(1_050);
      writer.write("interval:2=b", NO_CONTEXT);
      context.setCurrentTime(1_099);
      assertThat(redis.client().keys("interval:*")).isEmpty();

      context.setCurrentTime(1_100);
      assertThat(redis.client().keys("interval:*")).containsExactlyInAnyOrder("interval:1", "interval:2");
      assertThat(context.pendingTimers()).isZero();

      writer.write("interval:3=c", NO_CONTEXT);
      writer.flush(false);
      assertThat(redis.client().get("interval:3")).isEqualTo("c");
      assertThat(context.pendingTimers()).as("the checkpoint's flush withdrew the timer").isZero();
    }
  }

  @Test
  void aCommandRedisRefusesFailsTheFlushNamingTheCommandAndTheRecordSinceTheLastCheckpoint() throws Exception {
    redis.client().set("refused:text", "a string, not a hash");
    TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 1, 2);
    RedisMapper<String> mapper = r -> r.equals("bad")
        ? List.of(RedisCommand.set("refused:ok", "x"), RedisCommand.hset("refused:text", "field", "secret-value"))
        : List.of(RedisCommand.set("refused:" + r, r));
    try (RedisWriter<String> writer = open(RedisSink.<String>builder().setAddress(redis.address()).setMapper(mapper),
        context)) {
      writer.write("a", NO_CONTEXT);
      writer.write("b", NO_CONTEXT);
      writer.flush(false);
      writer.write("c", NO_CONTEXT);
      writer.write("bad", NO_CONTEXT);

      assertThatThrownBy(() -> writer.flush(false))
          .isInstanceOf(RedisSinkException.class)
          .hasMessage("Redis sink 'to Redis' (subtask 2/2): Redis at " + redis.address() + " refused HSET"
              + " 'refused:text' of the 2nd record since the last checkpoint: WRONGTYPE Operation against a key holding"
              + " the wrong kind of value")
          .message().doesNotContain("secret-value");
    }
    assertThat(redis.client().mget("refused:a", "refused:b", "refused:c", "refused:ok"))
        .as("a pipeline is no transaction: the other commands of the batch are written")
        .containsExactly("a", "b", "c", "x");
  }

  @Test
  void whenSeveralCommandsOfABatchAreRefusedTheFirstIsNamedAndTheOthersCounted() throws Exception {
    redis.client().set("refused-twice:text", "a string");
    TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 0, 1);
    try (RedisWriter<String> writer = open(RedisSink.<String>builder().setAddress(redis.address())
        .setMapper(r -> List.of(RedisCommand.set("refused-twice:" + r, r), RedisCommand.incrBy("refused-twice:text", 1))),
        context)) {
      writer.write("a", NO_CONTEXT);
      writer.write("b", NO_CONTEXT);

      assertThatThrownBy(() -> writer.flush(true))
          .isInstanceOf(RedisSinkException.class)
          .hasMessage("Redis sink 'to Redis' (subtask 1/1): Redis at " + redis.address() + " refused INCRBY"
              + " 'refused-twice:text' of the 1st record since the subtask started: ERR value is not an integer or out of"
              + " range (and 1 more of the same batch of 4 commands)");
    }
  }

  @Test
  void aMapperThatReturnsNullFailsNamingTheRecord() throws Exception {
    TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 0, 1);
    try (RedisWriter<String> writer = open(RedisSink.<String>builder().setAddress(redis.address())
        .setMapper(r -> r.isEmpty() ? null : List.of()), context)) {
      writer.write("x", NO_CONTEXT);
      assertThatThrownBy(() -> writer.write("", NO_CONTEXT))
          .isInstanceOf(RedisSinkException.class)
          .hasMessage("Redis sink 'to Redis' (subtask 1/1): the mapper returned null for the 2nd record since the"
              + " subtask started; return an empty list to write nothing");
    }
  }

  @Test
  void aConnectionLostWhileABatchIsInFlightFailsNamingTheAddress(@TempDir Path dir) throws Exception {
    try (RedisServer server = RedisServer.start(dir, List.of())) {
      TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 0, 1);
      try (RedisWriter<String> writer = open(setSink(server.address()), context)) {
        writer.write("lost:1=a", NO_CONTEXT);
        writer.flush(false);
        writer.write("lost:2=b", NO_CONTEXT);
        writer.write("lost:3=c", NO_CONTEXT);
        server.crash();

        assertThatThrownBy(() -> writer.flush(false))
            .isInstanceOf(RedisSinkException.class)
            .hasMessageStartingWith("Redis sink 'to Redis' (subtask 1/1) lost its connection to Redis at "
                + server.address() + " while writing 2 commands (records 1 to 2 since the last checkpoint): ");
      }
    }
  }

  @Test
  void aServerWithAPasswordTakesTheRightOneAndRefusesAWrongOneNamingTheAddress(@TempDir Path dir) throws Exception {
    try (RedisServer server = RedisServer.start(dir, List.of("--requirepass", "s3cret"))) {
      TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 0, 1);
      try (RedisWriter<String> writer = open(setSink(server.address()).setPassword("s3cret"), context)) {
        writer.write("auth:ok=yes", NO_CONTEXT);
        writer.flush(true);
      }
      try (UnifiedJedis client = RedisClient.builder().hostAndPort("127.0.0.1", server.port())
          .clientConfig(DefaultJedisClientConfig.builder().password("s3cret").build()).build()) {
        assertThat(client.get("auth:ok")).isEqualTo("yes");
      }

      assertThatThrownBy(() -> open(setSink(server.address()).setPassword("wrong"), context))
          .isInstanceOf(RedisSinkException.class)
          .hasMessage("Redis sink 'to Redis' (subtask 1/1) cannot connect to Redis at " + server.address()
              + ": WRONGPASS invalid username-password pair or user is disabled.");
    }
  }

  @Test
  void everyCommandWritesWhatItSays() throws Exception {
    TestingWriterInitContext context = new TestingWriterInitContext("to Redis", 0, 1);
    redis.client().set("cmd:gone", "x");
    RedisMapper<String> mapper = r -> List.of(
        RedisCommand.set("cmd:plain", r),
        RedisCommand.set("cmd:expiring", r, Duration.ofMinutes(10)),
        RedisCommand.hset("cmd:hash", "f", r),
        RedisCommand.zadd("cmd:zset", 2.5, r),
        RedisCommand.incrBy("cmd:counter", 7),
        RedisCommand.expire("cmd:hash", Duration.ofMinutes(5)),
        RedisCommand.del("cmd:gone"));
    try (RedisWriter<String> writer = open(RedisSink.<String>builder().setAddress(redis.address()).setMapper(mapper),
        context)) {
      writer.write("v", NO_CONTEXT);
      writer.flush(true);
    }
    assertThat(redis.client().keys("cmd:*"))
        .isEqualTo(Set.of("cmd:plain", "cmd:expiring", "cmd:hash", "cmd:zset", "cmd:counter"));
    assertThat(redis.client().get("cmd:plain")).isEqualTo("v");
    assertThat(redis.client().pttl("cmd:plain")).isEqualTo(-1);
    assertThat(redis.client().get("cmd:expiring")).isEqualTo("v");
    assertThat(redis.client().pttl("cmd:expiring")).isBetween(1L, Duration.ofMinutes(10).toMillis());
    assertThat(redis.client().hgetAll("cmd:hash")).isEqualTo(Map.of("f", "v"));
    assertThat(redis.client().pttl("cmd:hash")).isBetween(1L, Duration.ofMinutes(5).toMillis());
    assertThat(redis.client().zscore("cmd:zset", "v")).isEqualTo(2.5);
    assertThat(redis.client().get("cmd:counter")).isEqualTo("7");
  }
}
