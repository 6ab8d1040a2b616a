package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.connectors.redis.testing.RedisSentinelExtension;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs writing to a master found through a real sentinel ({@code setSentinel}). */
class RedisSentinelSinkTest {
  @RegisterExtension static RedisSentinelExtension redis = new RedisSentinelExtension("orders-master");

  @Test
  void aBoundedJobWritesToTheMasterTheSentinelNames() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(0, 1_999)
        .sinkTo(RedisSink.<Long>builder().setSentinel(redis.masterName(), redis.sentinels())
            .setMapper(NumbersInRedis.mapper("via-sentinel")).build())
        .name("to Redis");

    env.execute("bounded to Redis via a sentinel");

    NumbersInRedis.assertHolds(redis.masterClient(), "via-sentinel", 2_000);
  }

  @Test
  void unreachableSentinelsFailTheJobNamingTheMasterAndTheSentinels() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 3)
        .sinkTo(RedisSink.<Long>builder().setSentinel("orders-master", "127.0.0.1:" + port).setMapper(n -> List.of())
            .build())
        .name("to Redis");

    Throwable failure = catchThrowable(() -> env.execute("no sentinel"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(Stream.iterate(failure, c -> c != null, Throwable::getCause).map(Throwable::getMessage).toList())
        .contains("Redis sink 'to Redis' (subtask 1/1) cannot connect to Redis at master 'orders-master' via sentinels"
            + " 127.0.0.1:" + port + ": All sentinels down, cannot determine where orders-master is running.");
  }
}
