package io.nagare.connectors.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link RedisSink}. Required: where Redis is (exactly one of {@link #setAddress}, {@link
 * #setSentinel} and {@link #setCluster}) and a {@link #setMapper mapper}. Every option is checked
 * where it is set or in {@link #build()}, which fail with an {@link IllegalArgumentException} naming
 * the option.
 *
 * <pre>{@code
 * RedisSink<Reading> sink = RedisSink.<Reading>builder()
 *     .setSentinel("mymaster", "sentinel-1:26379,sentinel-2:26379")
 *     .setPassword(System.getenv("REDIS_PASSWORD"))
 *     .setDatabase(2)
 *     .setMapper(r -> List.of(RedisCommand.set("sensor:" + r.sensor(), r.value(), Duration.ofHours(1))))
 *     .setBatchSize(500)
 *     .setFlushInterval(Duration.ofMillis(200))
 *     .build();
 * }</pre>
 *
 * @param <T> the type of the records
 */
public final class RedisSinkBuilder<T> {
  private RedisServers.Topology topology;
  private String topologyOption;
  private List<HostPort> nodes;
  private String masterName;
  private RedisMapper<T> mapper;
  private int batchSize = RedisSink.DEFAULT_BATCH_SIZE;
  private Duration flushInterval;
  private int database;
  private String user;
  private String password;
  private Duration timeout = RedisSink.DEFAULT_TIMEOUT;

  RedisSinkBuilder() {}

  /** One Redis server, {@code host:port} ({@code [::1]:6379} for IPv6). */
  public RedisSinkBuilder<T> setAddress(String hostPort) {
    setTopology(RedisServers.Topology.STANDALONE, "setAddress", List.of(HostPort.parse("setAddress", hostPort)));
    return this;
  }

  /**
   * The master called {@code masterName}, found through the sentinels {@code host:port[,host:port...]};
   * after a failover the sink writes to the new master. The sentinels are reached without
   * credentials; {@link #setUser}/{@link #setPassword} apply to the master.
   */
  public RedisSinkBuilder<T> setSentinel(String masterName, String sentinels) {
    if (masterName == null || masterName.isBlank()) {
      throw new IllegalArgumentException("setSentinel: no master name; give the name the sentinels monitor the master by");
    }
    setTopology(RedisServers.Topology.SENTINEL, "setSentinel", HostPort.parseList("setSentinel", sentinels));
    this.masterName = masterName;
    return this;
  }

  /** A Redis cluster, reached through any of the nodes {@code host:port[,host:port...]}; the others are discovered. */
  public RedisSinkBuilder<T> setCluster(String nodes) {
    setTopology(RedisServers.Topology.CLUSTER, "setCluster", HostPort.parseList("setCluster", nodes));
    return this;
  }

  private void setTopology(RedisServers.Topology topology, String option, List<HostPort> nodes) {
    if (this.topology != null && !option.equals(topologyOption)) {
      throw new IllegalArgumentException(option + ": where Redis is was already set with " + topologyOption
          + "; call only one of setAddress, setSentinel and setCluster");
    }
    this.topology = topology;
    this.topologyOption = option;
    this.nodes = nodes;
  }

  /** Turns each record into the commands that write it. */
  public RedisSinkBuilder<T> setMapper(RedisMapper<T> mapper) {
    this.mapper = Objects.requireNonNull(mapper, "setMapper: mapper");
    return this;
  }

  /** Commands per pipelined batch, at least 1; default {@value RedisSink#DEFAULT_BATCH_SIZE}. */
  public RedisSinkBuilder<T> setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("setBatchSize: the batch size must be at least 1, not " + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * The longest a command waits in a batch that is not full; unset, a batch waits until it is full
   * or the next checkpoint barrier. The interval is measured on the subtask's processing-time clock,
   * whose timers run on the subtask's thread.
   */
  public RedisSinkBuilder<T> setFlushInterval(Duration interval) {
    Objects.requireNonNull(interval, "setFlushInterval: interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("setFlushInterval: the interval must be at least 1 ms, not " + interval);
    }
    this.flushInterval = interval;
    return this;
  }

  /** The database number (SELECT), default 0. A cluster has database 0 only. */
  public RedisSinkBuilder<T> setDatabase(int database) {
    if (database < 0) {
      throw new IllegalArgumentException("setDatabase: the database number must be 0 or more, not " + database);
    }
    this.database = database;
    return this;
  }

  /** The user to log in as (Redis 6 ACLs); without one, {@link #setPassword} logs in as {@code default}. */
  public RedisSinkBuilder<T> setUser(String user) {
    this.user = Objects.requireNonNull(user, "setUser: user");
    return this;
  }

  /** The password to log in with. It travels with the job, like the rest of the sink. */
  public RedisSinkBuilder<T> setPassword(String password) {
    this.password = Objects.requireNonNull(password, "setPassword: password");
    return this;
  }

  /** How long to wait for a connection or a reply before failing; default 2 s. */
  public RedisSinkBuilder<T> setTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "setTimeout: timeout");
    if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("setTimeout: the timeout must be from 1 ms to about 24 days, not " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** The sink; fails naming what is missing or does not fit together. */
  public RedisSink<T> build() {
    if (topology == null) {
      throw new IllegalArgumentException("No Redis address: call setAddress(\"host:port\"), setSentinel(master,"
          + " \"host:port,...\") or setCluster(\"host:port,...\")");
    }
    if (mapper == null) {
      throw new IllegalArgumentException("No mapper: call setMapper(record -> List.of(RedisCommand.set(...)))");
    }
    if (topology == RedisServers.Topology.CLUSTER && database != 0) {
      throw new IllegalArgumentException("setDatabase: a Redis cluster has database 0 only, not " + database);
    }
    if (user != null && password == null) {
      throw new IllegalArgumentException("setUser: a user needs a password; call setPassword(..) too");
    }
    return new RedisSink<>(new RedisServers(topology, nodes, masterName, database, user, password, timeout),
        mapper, batchSize, flushInterval);
  }
}
