package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.connectors.redis.testing.RedisClusterExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs writing to a real three-node Redis cluster ({@code setCluster}). */
class RedisClusterSinkTest {
  @RegisterExtension static RedisClusterExtension cluster = new RedisClusterExtension();

  @Test
  void aBoundedJobWritesEveryCommandToTheNodeOfItsKey() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(0, 1_999)
        .sinkTo(RedisSink.<Long>builder().setCluster(cluster.nodes()).setMapper(NumbersInRedis.mapper("clustered"))
            .setBatchSize(100).build())
        .name("to Redis");

    env.execute("bounded to a Redis cluster");

    List<Set<String>> perNode = cluster.keysPerNode("clustered:*");
    assertThat(perNode).as("keys spread over every node").allSatisfy(keys -> assertThat(keys).isNotEmpty());
    Set<String> all = new HashSet<>();
    perNode.forEach(all::addAll);
    NumbersInRedis.assertHolds(cluster.client(), all, "clustered", 2_000);
  }

  @Test
  void aCommandTheClusterRefusesFailsTheJobNamingTheSinkTheClusterAndTheRecord() {
    cluster.client().set("refused-on-cluster:k", "a string");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromElements("a", "b")
        .sinkTo(RedisSink.<String>builder().setCluster(cluster.nodes())
            .setMapper(r -> List.of(r.equals("b")
                ? RedisCommand.zadd("refused-on-cluster:k", 1, r)
                : RedisCommand.set("refused-on-cluster:" + r, r)))
            .build())
        .name("to Redis");

    Throwable failure = catchThrowable(() -> env.execute("wrong type on a cluster"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(Stream.iterate(failure, c -> c != null, Throwable::getCause).map(Throwable::getMessage).toList())
        .contains("Redis sink 'to Redis' (subtask 1/1): Redis at cluster " + cluster.nodes() + " refused ZADD"
            + " 'refused-on-cluster:k' of the 2nd record since the subtask started: WRONGTYPE Operation against a key"
            + " holding the wrong kind of value");
  }
}
