package io.nagare.connectors.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * A real Redis cluster of three masters (no replicas) per test class, each a {@link RedisServer}
 * with {@code --cluster-enabled yes}, joined by {@code redis-cli --cluster create}; ready once every
 * node has logged that the cluster state is ok. Stopped, and its directory deleted, after the class.
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {
  private static final int NODES = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private Path dir;
  private final List<RedisServer> nodes = new ArrayList<>();
  private RedisClusterClient client;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("redis-cluster-" + context.getRequiredTestClass().getSimpleName());
    for (int i = 0; i < NODES; i++) {
      nodes.add(RedisServer.start(dir.resolve("node-" + i), List.of("--cluster-enabled", "yes",
          "--cluster-config-file", "nodes.conf")));
    }
    List<String> command = new ArrayList<>(List.of(RedisPrograms.path("redis-cli"), "--cluster", "create"));
    nodes.forEach(n -> command.add(n.address()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    run(command);
    for (RedisServer node : nodes) {
      node.awaitLogged("Cluster state changed: ok", READY_TIMEOUT);
    }
  }

  private static void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed. Its output:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (client != null) {
        client.close();
        client = null;
      }
      nodes.forEach(RedisServer::stop);
      nodes.clear();
    } finally {
      RedisServerExtension.deleteRecursively(dir);
    }
  }

  /** The nodes, {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}, as the sink's {@code setCluster} takes them. */
  public String nodes() {
    return nodes.stream().map(RedisServer::address).collect(Collectors.joining(","));
  }

  /** A cluster client for reading back what a job wrote; one per class, closed after it. */
  public RedisClusterClient client() {
    if (client == null) {
      client = RedisClusterClient.builder()
          .nodes(nodes.stream().map(n -> new HostAndPort("127.0.0.1", n.port())).collect(Collectors.toSet()))
          .build();
    }
    return client;
  }

  /** The keys matching {@code pattern} on each node, in node order (KEYS asks one node only). */
  public List<Set<String>> keysPerNode(String pattern) {
    List<Set<String>> keys = new ArrayList<>();
    for (RedisServer node : nodes) {
      try (RedisClient c = RedisClient.create("127.0.0.1", node.port())) {
        keys.add(new HashSet<>(c.keys(pattern)));
      }
    }
    return keys;
  }
}
