package io.nagare.connectors.jdbc.testing;

import io.nagare.connectors.jdbc.testing.PostgresPrograms.ProcessResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server ({@code postgres}) on a loopback port, over a data directory made by
 * {@code initdb}, for tests. It listens on 127.0.0.1 only, keeps its Unix socket in a directory of
 * the test's, allows 10 prepared transactions (for XA) and runs with {@code fsync=off}: tests
 * survive the server's crash, not the machine's. It is ready once it has logged "database system is
 * ready to accept connections".
 *
 * <p>PostgreSQL refuses to run as root; then every program runs as the unprivileged {@link
 * OsUser} through {@code runuser}. A pump thread reads the server's output (so it never blocks on a
 * full pipe), keeps it for failure messages and completes the futures of {@link #awaitLogged}.
 * {@link #crash()} stops the server at once ({@code pg_ctl stop -m immediate}: no shutdown
 * checkpoint, crash recovery at the next start), {@link #restart()} starts it again on the same port
 * and data, {@link #stop()} shuts it down ({@code -m fast}: sessions end, open transactions roll
 * back, prepared ones stay). A JVM that exits without stopping it sends it SIGTERM on the way out.
 *
 * <p>Threads: the test's thread calls every method; the pump thread only reads output and completes
 * the futures waiting for it.
 */
public final class PostgresServer implements AutoCloseable {
  private static final String READY = "database system is ready to accept connections";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final long STOP_TIMEOUT_SECONDS = 60;

  private final Path dataDir;
  private final Path socketDir;
  private final int port;
  private final OsUser user;
  private Process process;
  private Thread stopAtExit;
  private Output output;

  private PostgresServer(Path dataDir, Path socketDir, int port, OsUser user) {
    this.dataDir = dataDir;
    this.socketDir = socketDir;
    this.port = port;
    this.user = user;
  }

  /** Starts a server over {@code dataDir} (made by initdb) on {@code port}, with its socket in {@code socketDir}. */
  static PostgresServer start(Path dataDir, Path socketDir, int port, OsUser user) {
    PostgresServer server = new PostgresServer(dataDir, socketDir, port, user);
    server.launch();
    return server;
  }

  /** The TCP port on 127.0.0.1, the same after a restart. */
  public int port() {
    return port;
  }

  /** Stops the server at once, as a crash would: clients' connections break, nothing is checkpointed. */
  public void crash() {
    end("immediate");
  }

  /** Starts the server again, on the same port and data directory. */
  public void restart() {
    if (process != null) {
      throw new IllegalStateException("PostgreSQL on port " + port + " still runs; crash() or stop() it first");
    }
    launch();
  }

  /** Shuts the server down (fast: sessions end, open transactions roll back) and waits for it to exit. */
  public void stop() {
    end("fast");
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Waits until the server has logged a line containing {@code text} (also one logged before this
   * call), at most {@code timeout}; fails with the server's output otherwise.
   */
  public void awaitLogged(String text, Duration timeout) {
    try {
      output.whenLogged(text).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("PostgreSQL on port " + port + " did not log '" + text + "' ("
          + (e instanceof TimeoutException ? "not within " + timeout : "it exited") + "). Its output:\n" + output.text(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for PostgreSQL on port " + port + " to log '" + text + "'", e);
    }
  }

  private void launch() {
    List<String> command = user.command(List.of(PostgresPrograms.path("postgres"),
        "-D", dataDir.toString(),
        "-p", Integer.toString(port),
        "-k", socketDir.toString(),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "max_prepared_transactions=10",
        "-c", "fsync=off",
        "-c", "max_connections=50"));
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
    }
    Process started = process;
    stopAtExit = new Thread(() -> started.descendants().forEach(ProcessHandle::destroy), "postgres-stop-at-exit " + port);
    Runtime.getRuntime().addShutdownHook(stopAtExit);
    Output log = new Output();
    output = log;
    Thread pump = new Thread(() -> log.pump(started), "postgres-output " + port);
    pump.setDaemon(true);
    pump.start();
    try {
      awaitLogged(READY, START_TIMEOUT);
    } catch (IllegalStateException e) {
      end("immediate");
      throw new IllegalStateException("PostgreSQL on port " + port + " did not get ready. Command: "
          + String.join(" ", command), e);
    }
  }

  /** Stops the server with {@code pg_ctl stop -m <mode>} and waits for its process to end. */
  private void end(String mode) {
    if (process == null) {
      return;
    }
    List<String> command = user.command(List.of(PostgresPrograms.path("pg_ctl"), "stop", "-D", dataDir.toString(),
        "-m", mode, "-w", "-t", Long.toString(STOP_TIMEOUT_SECONDS)));
    ProcessResult result = process.isAlive()
        ? ProcessResult.run(command, STOP_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS) : new ProcessResult(0, "");
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException("PostgreSQL on port " + port + " did not stop within " + STOP_TIMEOUT_SECONDS
            + " s (" + String.join(" ", command) + ": exit " + result.exitCode() + ", " + result.output() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      throw new IllegalStateException("Interrupted while stopping PostgreSQL on port " + port, e);
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
      stopAtExit = null;
      process = null;
    }
  }

  /** What a server process printed, and the futures waiting for lines; guarded by itself. */
  private static final class Output {
    private final List<String> lines = new ArrayList<>();
    private final Map<String, CompletableFuture<Void>> waiting = new HashMap<>();
    private boolean ended;

    void pump(Process process) {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          add(line);
        }
      } catch (IOException e) {
        add("(reading the output failed: " + e + ")");
      }
      synchronized (this) {
        ended = true;
        waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("postgres exited")));
        waiting.clear();
      }
    }

    private synchronized void add(String line) {
      lines.add(line);
      waiting.entrySet().removeIf(e -> {
        if (!line.contains(e.getKey())) {
          return false;
        }
        e.getValue().complete(null);
        return true;
      });
    }

    synchronized CompletableFuture<Void> whenLogged(String text) {
      if (lines.stream().anyMatch(l -> l.contains(text))) {
        return CompletableFuture.completedFuture(null);
      }
      if (ended) {
        return CompletableFuture.failedFuture(new IllegalStateException("postgres exited"));
      }
      return waiting.computeIfAbsent(text, t -> new CompletableFuture<>());
    }

    synchronized String text() {
      return String.join("\n", lines);
    }
  }
}
