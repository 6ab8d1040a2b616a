package io.nagare.connectors.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

/**
 * One real {@link RedisServer} per test class, in a temporary directory: started before the first
 * test (installing Debian's {@code redis-server} if it is missing), stopped and its directory
 * deleted after the last. Tests share it, so each writes keys of its own.
 *
 * <pre>{@code
 * class ProfilesTest {
 *   @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();
 *
 *   @Test void writesProfiles() {
 *     ... RedisSink.<Profile>builder().setAddress(redis.address()) ...
 *     assertThat(redis.client().hgetAll("profile:1")).isEqualTo(Map.of("name", "Ada"));
 *   }
 * }
 * }</pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final List<String> serverArgs;
  private Path dir;
  private RedisServer server;
  private RedisClient client;

  /** A server without persistence ({@code --save '' --appendonly no}). */
  public RedisServerExtension() {
    this(List.of());
  }

  /** A server with {@code redis-server} arguments of its own after the defaults, such as {@code --appendonly yes}. */
  public RedisServerExtension(List<String> serverArgs) {
    this.serverArgs = List.copyOf(serverArgs);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("redis-" + context.getRequiredTestClass().getSimpleName());
    server = RedisServer.start(dir, serverArgs);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (client != null) {
        client.close();
        client = null;
      }
      if (server != null) {
        server.stop();
        server = null;
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The running server; available from {@code @BeforeAll} methods of the test class on. */
  public RedisServer server() {
    if (server == null) {
      throw new IllegalStateException("The Redis server runs only while the test class runs");
    }
    return server;
  }

  /** {@code 127.0.0.1:<port>} of the server. */
  public String address() {
    return server().address();
  }

  /**
   * A client of the server for reading back what a job wrote; one per class, closed after it. It
   * checks a pooled connection before each use, so it goes on working after {@link
   * RedisServer#crash()} and {@link RedisServer#restart()}.
   */
  public RedisClient client() {
    if (client == null) {
      ConnectionPoolConfig pool = new ConnectionPoolConfig();
      pool.setTestOnBorrow(true);
      client = RedisClient.builder().hostAndPort("127.0.0.1", server().port()).poolConfig(pool).build();
    }
    return client;
  }
}
