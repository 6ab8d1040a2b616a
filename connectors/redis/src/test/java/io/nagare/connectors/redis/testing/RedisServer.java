package io.nagare.connectors.redis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * A real {@code redis-server} process on a free loopback port, in a directory of its own, for tests:
 * a data server ({@link #start}) or a sentinel ({@link #startSentinel}). The first start installs
 * Debian's {@code redis-server} if it is missing ({@link RedisPrograms}).
 *
 * <p>A data server starts with {@code --save '' --appendonly no} unless the extra arguments say
 * otherwise (later arguments win), and is ready once it has logged "Ready to accept connections"; a
 * sentinel once it has logged that it monitors its master. A pump thread per process reads the
 * server's output (so it never blocks on a full pipe), keeps it for failure messages and completes
 * the futures of {@link #awaitLogged} when a line shows up. {@link #crash()} kills the process
 * (SIGKILL), {@link #restart()} starts a new one on the same port and directory, {@link #stop()}
 * ends it with SIGTERM; a JVM that exits without stopping it kills it on the way out.
 *
 * <p>Threads: the test's thread calls every method; the pump thread only reads output and completes
 * the futures waiting for it.
 */
public final class RedisServer implements AutoCloseable {
  private static final String READY = "Ready to accept connections";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Path dir;
  private final int port;
  private final List<String> args;
  private final String readyLine;
  private Process process;
  private Thread killAtExit;
  private Output output;

  private RedisServer(Path dir, int port, List<String> args, String readyLine) {
    this.dir = dir;
    this.port = port;
    this.args = List.copyOf(args);
    this.readyLine = readyLine;
  }

  /** Starts a data server in {@code dir} on a free port, with {@code extraArgs} after the defaults. */
  public static RedisServer start(Path dir, List<String> extraArgs) {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of(
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--dir", dir.toString(),
        "--daemonize", "no",
        "--logfile", "",
        "--save", "",
        "--appendonly", "no"));
    args.addAll(extraArgs);
    RedisServer server = new RedisServer(dir, port, args, READY);
    server.launch();
    return server;
  }

  /** Starts a sentinel in {@code dir} on a free port that monitors {@code master} as {@code masterName} (quorum 1). */
  public static RedisServer startSentinel(Path dir, String masterName, RedisServer master) {
    int port = freePort();
    Path config = dir.resolve("sentinel.conf");
    try {
      Files.createDirectories(dir);
      Files.writeString(config, "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + config, e);
    }
    List<String> args = List.of(config.toString(), "--sentinel",
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--dir", dir.toString(),
        "--daemonize", "no",
        "--logfile", "");
    RedisServer sentinel = new RedisServer(dir, port, args, "+monitor master " + masterName);
    sentinel.launch();
    return sentinel;
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>}, as the sink's {@code setAddress} takes it. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Waits until the server has logged a line containing {@code text} (also one logged before this
   * call), at most {@code timeout}; fails with the server's output otherwise.
   */
  public void awaitLogged(String text, Duration timeout) {
    try {
      output.whenLogged(text).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("redis-server on port " + port + " did not log '" + text + "' ("
          + (e instanceof TimeoutException ? "not within " + timeout : "it exited") + "). Its output:\n" + output.text(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for redis-server on port " + port + " to log '" + text + "'", e);
    }
  }

  /** Kills the server at once, as a crash would; its clients' connections break. */
  public void crash() {
    end(true);
  }

  /** Starts the server again, on the same port and in the same directory. */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("redis-server on port " + port + " still runs; crash() or stop() it first");
    }
    launch();
  }

  /** Ends the server with SIGTERM and waits for it to exit. */
  public void stop() {
    end(false);
  }

  @Override
  public void close() {
    stop();
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(RedisPrograms.path("redis-server"));
    command.addAll(args);
    try {
      Files.createDirectories(dir);
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
    }
    Process started = process;
    killAtExit = new Thread(started::destroyForcibly, "redis-server-kill-at-exit " + port);
    Runtime.getRuntime().addShutdownHook(killAtExit);
    Output log = new Output();
    output = log;
    Thread pump = new Thread(() -> log.pump(started), "redis-server-output " + port);
    pump.setDaemon(true);
    pump.start();
    try {
      awaitLogged(readyLine, START_TIMEOUT);
    } catch (IllegalStateException e) {
      end(true);
      throw new IllegalStateException("redis-server on port " + port + " did not get ready. Command: "
          + String.join(" ", command), e);
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
        waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("redis-server exited")));
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
        return CompletableFuture.failedFuture(new IllegalStateException("redis-server exited"));
      }
      return waiting.computeIfAbsent(text, t -> new CompletableFuture<>());
    }

    synchronized String text() {
      return String.join("\n", lines);
    }
  }

  private void end(boolean kill) {
    if (process == null) {
      return;
    }
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
    Runtime.getRuntime().removeShutdownHook(killAtExit);
    killAtExit = null;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port", e);
    }
  }
}
