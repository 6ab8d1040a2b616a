package io.nagare.connectors.redis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;

/**
 * A Redis master and one sentinel that monitors it (quorum 1) per test class, each a real {@link
 * RedisServer}; ready once the sentinel has logged that it monitors the master. Stopped, and their
 * directory deleted, after the class.
 */
public final class RedisSentinelExtension implements BeforeAllCallback, AfterAllCallback {
  private final String masterName;
  private Path dir;
  private RedisServer master;
  private RedisServer sentinel;
  private RedisClient client;

  /** A master the sentinel knows as {@code masterName}. */
  public RedisSentinelExtension(String masterName) {
    this.masterName = masterName;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("redis-sentinel-" + context.getRequiredTestClass().getSimpleName());
    master = RedisServer.start(dir.resolve("master"), List.of());
    sentinel = RedisServer.startSentinel(dir.resolve("sentinel"), masterName, master);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (client != null) {
        client.close();
        client = null;
      }
      if (sentinel != null) {
        sentinel.stop();
      }
      if (master != null) {
        master.stop();
      }
    } finally {
      RedisServerExtension.deleteRecursively(dir);
    }
  }

  public String masterName() {
    return masterName;
  }

  /** The sentinel's {@code 127.0.0.1:<port>}, as the sink's {@code setSentinel} takes it. */
  public String sentinels() {
    return sentinel.address();
  }

  /** A client of the master for reading back what a job wrote; one per class, closed after it. */
  public RedisClient masterClient() {
    if (client == null) {
      client = RedisClient.create("127.0.0.1", master.port());
    }
    return client;
  }
}
