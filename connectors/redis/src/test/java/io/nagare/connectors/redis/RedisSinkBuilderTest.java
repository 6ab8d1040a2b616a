package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the builder accepts, and the messages of what it refuses. */
class RedisSinkBuilderTest {
  private static final RedisMapper<String> MAPPER = r -> List.of(RedisCommand.set(r, r));

  @Test
  void aStandaloneSinkHasTheDefaults() {
    RedisSink<String> sink = RedisSink.<String>builder().setAddress("redis.example:6380").setMapper(MAPPER).build();

    assertThat(sink.getAddress()).isEqualTo("redis.example:6380");
    assertThat(sink.getBatchSize()).isEqualTo(RedisSink.DEFAULT_BATCH_SIZE);
    assertThat(sink.getFlushInterval()).isEmpty();
    assertThat(sink.servers().timeout()).isEqualTo(RedisSink.DEFAULT_TIMEOUT);
  }

  @Test
  void sentinelsClustersDatabasesAndIpv6AddressesAreDescribedAsFailuresNameThem() {
    assertThat(RedisSink.<String>builder().setSentinel("mymaster", "s1:26379, s2:26380").setDatabase(3).setMapper(MAPPER)
        .build().getAddress()).isEqualTo("master 'mymaster' via sentinels s1:26379,s2:26380 (database 3)");
    assertThat(RedisSink.<String>builder().setCluster("n1:7000,n2:7001,n3:7002").setMapper(MAPPER).build().getAddress())
        .isEqualTo("cluster n1:7000,n2:7001,n3:7002");
    assertThat(RedisSink.<String>builder().setAddress("[::1]:6379").setDatabase(1).setMapper(MAPPER).build().getAddress())
        .isEqualTo("[::1]:6379 (database 1)");
  }

  @Test
  void optionsAreKept() {
    RedisSink<String> sink = RedisSink.<String>builder().setAddress("localhost:6379").setMapper(MAPPER)
        .setBatchSize(7).setFlushInterval(Duration.ofMillis(250)).setTimeout(Duration.ofSeconds(5)).build();

    assertThat(sink.getBatchSize()).isEqualTo(7);
    assertThat(sink.getFlushInterval()).contains(Duration.ofMillis(250));
    assertThat(sink.servers().timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void withoutAnAddressTheBuildFailsSayingHowToGiveOne() {
    assertThatThrownBy(() -> RedisSink.<String>builder().setMapper(MAPPER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No Redis address: call setAddress(\"host:port\"), setSentinel(master, \"host:port,...\") or"
            + " setCluster(\"host:port,...\")");
  }

  @Test
  void withoutAMapperTheBuildFails() {
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress("localhost:6379").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No mapper: call setMapper(record -> List.of(RedisCommand.set(...)))");
  }

  @Test
  void malformedAddressesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress("localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setAddress: 'localhost' is not host:port (a host name or address, a colon, and a port from 1 to"
            + " 65535; IPv6 addresses in brackets, such as [::1]:6379)");
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress("localhost:port"))
        .hasMessageStartingWith("setAddress: 'localhost:port' is not host:port");
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress("localhost:70000"))
        .hasMessageStartingWith("setAddress: 'localhost:70000' is not host:port");
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress(":6379"))
        .hasMessageStartingWith("setAddress: ':6379' is not host:port");
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress("::1:6379"))
        .hasMessageStartingWith("setAddress: '::1:6379' is not host:port");
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress(" "))
        .hasMessage("setAddress: no address; expected host:port, such as localhost:6379");
    assertThatThrownBy(() -> RedisSink.<String>builder().setCluster("n1:7000,n2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("setCluster: 'n2' is not host:port");
    assertThatThrownBy(() -> RedisSink.<String>builder().setSentinel("mymaster", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setSentinel: no addresses; expected host:port[,host:port...]");
    assertThatThrownBy(() -> RedisSink.<String>builder().setSentinel(" ", "s1:26379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setSentinel: no master name; give the name the sentinels monitor the master by");
  }

  @Test
  void onlyOneWayToReachRedisMayBeSet() {
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress("localhost:6379").setCluster("n1:7000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setCluster: where Redis is was already set with setAddress; call only one of setAddress,"
            + " setSentinel and setCluster");
    assertThat(RedisSink.<String>builder().setAddress("a:1").setAddress("b:2").setMapper(MAPPER).build().getAddress())
        .as("setting the same option again replaces it").isEqualTo("b:2");
  }

  @Test
  void numericOptionsOutOfRangeAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> RedisSink.<String>builder().setBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setBatchSize: the batch size must be at least 1, not 0");
    assertThatThrownBy(() -> RedisSink.<String>builder().setFlushInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setFlushInterval: the interval must be at least 1 ms, not PT0S");
    assertThatThrownBy(() -> RedisSink.<String>builder().setDatabase(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setDatabase: the database number must be 0 or more, not -1");
    assertThatThrownBy(() -> RedisSink.<String>builder().setTimeout(Duration.ofNanos(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setTimeout: the timeout must be from 1 ms to about 24 days, not PT0.00000001S");
  }

  @Test
  void optionsThatDoNotFitTogetherAreRefusedAtBuild() {
    assertThatThrownBy(() -> RedisSink.<String>builder().setCluster("n1:7000").setDatabase(2).setMapper(MAPPER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setDatabase: a Redis cluster has database 0 only, not 2");
    assertThatThrownBy(() -> RedisSink.<String>builder().setAddress("a:1").setUser("app").setMapper(MAPPER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setUser: a user needs a password; call setPassword(..) too");
  }

  @Test
  void thePasswordIsNotPartOfTheDescription() {
    RedisSink<String> sink = RedisSink.<String>builder().setAddress("a:1").setUser("app").setPassword("s3cret")
        .setMapper(MAPPER).build();

    assertThat(sink.getAddress()).isEqualTo("a:1");
    assertThat(sink.servers().toString()).doesNotContain("s3cret");
  }
}
