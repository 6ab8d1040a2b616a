package io.nagare.connectors.redis;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where a {@link RedisSink}'s Redis is (one server, a master found through sentinels, or a
 * cluster) and how to log in. Serialised with the sink; each writer opens its own client with
 * {@link #connect()}.
 *
 * <p>Clients keep Jedis' connection pool defaults: its evictor thread tests idle connections every
 * 30 s and replaces those the server closed, so a quiet stream rarely fails on its next batch. It
 * touches only idle pooled connections, never a batch being written.
 */
final class RedisServers implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How the servers are reached. */
  enum Topology { STANDALONE, SENTINEL, CLUSTER }

  private final Topology topology;
  private final List<HostPort> nodes;
  private final String masterName;
  private final int database;
  private final String user;
  private final String password;
  private final Duration timeout;

  RedisServers(Topology topology, List<HostPort> nodes, String masterName, int database, String user, String password,
      Duration timeout) {
    this.topology = topology;
    this.nodes = List.copyOf(nodes);
    this.masterName = masterName;
    this.database = database;
    this.user = user;
    this.password = password;
    this.timeout = timeout;
  }

  Topology topology() {
    return topology;
  }

  List<HostPort> nodes() {
    return nodes;
  }

  int database() {
    return database;
  }

  Duration timeout() {
    return timeout;
  }

  /**
   * A client for these servers. Sentinel and cluster clients talk to the servers already here (to
   * find the master, or the slots), and fail with a {@code JedisException} if they cannot; a
   * standalone client connects on first use.
   */
  UnifiedJedis connect() {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .database(database);
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    JedisClientConfig clientConfig = config.build();
    return switch (topology) {
      case STANDALONE -> RedisClient.builder()
          .hostAndPort(jedis(nodes.get(0)))
          .clientConfig(clientConfig)
          .poolConfig(new ConnectionPoolConfig())
          .build();
      case SENTINEL -> RedisSentinelClient.builder()
          .masterName(masterName)
          .sentinels(jedisSet())
          .clientConfig(clientConfig)
          .sentinelClientConfig(DefaultJedisClientConfig.builder()
              .resp2()
              .connectionTimeoutMillis(millis)
              .socketTimeoutMillis(millis)
              .build())
          .poolConfig(new ConnectionPoolConfig())
          .build();
      case CLUSTER -> RedisClusterClient.builder()
          .nodes(jedisSet())
          .clientConfig(clientConfig)
          .poolConfig(new ConnectionPoolConfig())
          .build();
    };
  }

  private static HostAndPort jedis(HostPort node) {
    return new HostAndPort(node.host(), node.port());
  }

  private Set<HostAndPort> jedisSet() {
    return nodes.stream().map(RedisServers::jedis).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** For messages: {@code localhost:6379}, {@code master 'm' via sentinels a:26379,b:26379} or {@code cluster a:7000,b:7001}. */
  String describe() {
    String list = nodes.stream().map(HostPort::toString).collect(Collectors.joining(","));
    return switch (topology) {
      case STANDALONE -> list + (database == 0 ? "" : " (database " + database + ")");
      case SENTINEL -> "master '" + masterName + "' via sentinels " + list + (database == 0 ? "" : " (database " + database + ")");
      case CLUSTER -> "cluster " + list;
    };
  }

  @Override
  public String toString() {
    return describe();
  }
}
