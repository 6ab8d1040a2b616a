package io.nagare.connectors.jdbc.testing;

import io.nagare.connectors.jdbc.testing.PostgresPrograms.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@link PostgresServer} per test class, in a temporary directory: before the first test it
 * installs Debian's {@code postgresql} if it is missing, runs {@code initdb} (superuser {@code
 * postgres}; passwords over TCP, scram-sha-256), starts the server on a free port and creates the
 * user {@value #USER} with a random password and its database {@value #DATABASE}; after the last
 * test it stops the server and deletes the directory. Tests share the database, so each uses tables
 * of its own.
 *
 * <pre>{@code
 * class OrdersTest {
 *   @RegisterExtension static PostgresExtension postgres = new PostgresExtension();
 *
 *   @Test void writesOrders() throws Exception {
 *     postgres.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status TEXT)");
 *     ... JdbcSink.<Order>builder().setUrl(postgres.url()).setUsername(postgres.username())
 *             .setPassword(postgres.password()) ...
 *     try (Connection c = postgres.connect()) { ... }
 *   }
 * }
 * }</pre>
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
  /** The user the tests log in as. */
  public static final String USER = "nagare";
  /** The tests' database, owned by {@link #USER}. */
  public static final String DATABASE = "nagare";
  private static final String SUPERUSER = "postgres";
  private static final long INITDB_TIMEOUT_SECONDS = 120;

  private final String password = "pw-" + UUID.randomUUID();
  private final String superuserPassword = "su-" + UUID.randomUUID();
  private Path dir;
  private PostgresServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, SQLException {
    OsUser user = OsUser.forPostgres();
    dir = Files.createTempDirectory("postgres-" + context.getRequiredTestClass().getSimpleName());
    user.own(dir);
    Path passwordFile = dir.resolve("superuser-password");
    Files.writeString(passwordFile, superuserPassword + "\n");
    user.own(passwordFile);
    Path dataDir = dir.resolve("data");
    ProcessResult initdb = ProcessResult.run(user.command(java.util.List.of(PostgresPrograms.path("initdb"),
        "-D", dataDir.toString(),
        "-U", SUPERUSER,
        "--pwfile=" + passwordFile,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "-E", "UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions")), INITDB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (initdb.exitCode() != 0) {
      throw new IllegalStateException("initdb failed (exit " + initdb.exitCode() + "). Its output:\n" + initdb.output());
    }
    server = PostgresServer.start(dataDir, dir, freePort(), user);
    try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, superuserPassword);
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (server != null) {
        server.stop();
        server = null;
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port", e);
    }
  }

  /** The running server; available from {@code @BeforeAll} methods of the test class on. */
  public PostgresServer server() {
    if (server == null) {
      throw new IllegalStateException("PostgreSQL runs only while the test class runs");
    }
    return server;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/nagare}. */
  public String url() {
    return url(DATABASE);
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server().port() + "/" + database;
  }

  /** {@value #USER}. */
  public String username() {
    return USER;
  }

  /** The password of {@link #username()}: random per test class. */
  public String password() {
    return password;
  }

  /** A new connection to the database as {@link #username()}, auto-commit on. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, password);
  }

  /** Runs each statement in the database, auto-committed. */
  public void execute(String... sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }
}
