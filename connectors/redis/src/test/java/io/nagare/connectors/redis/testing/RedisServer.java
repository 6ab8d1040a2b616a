package io.nagare.connectors.redis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code redis-server} process on a free loopback port, in a directory of its own, for tests.
 * If Debian's {@code redis-server} is not installed, {@link #start} first installs it with {@code
 * scripts/ensure-debian-packages.sh redis-server} (root only) and fails with that script's output
 * if it cannot.
 *
 * <p>Started with {@code --save '' --appendonly no} unless the extra arguments say otherwise (later
 * arguments win). {@link #start} returns once the server has logged "Ready to accept connections":
 * a pump thread per process reads the server's output (so it never blocks on a full pipe), keeps
 * it for failure messages and completes the readiness future. {@link #crash()} kills the process
 * (SIGKILL), {@link #restart()} starts a new one on the same port and directory, {@link #stop()}
 * ends it with SIGTERM; a JVM that exits without stopping it kills it on the way out.
 *
 * <p>Threads: the test's thread calls every method; the pump thread only reads output.
 */
public final class RedisServer implements AutoCloseable {
  private static final String READY = "Ready to accept connections";
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final long STOP_TIMEOUT_SECONDS = 30;
  private static final long INSTALL_TIMEOUT_MINUTES = 10;

  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private Process process;
  private Thread killAtExit;
  private List<String> output;

  private RedisServer(Path dir, int port, List<String> extraArgs) {
    this.dir = dir;
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts a server in {@code dir} on a free port, with {@code extraArgs} after the defaults. */
  public static RedisServer start(Path dir, List<String> extraArgs) {
    RedisServer server = new RedisServer(dir, freePort(), extraArgs);
    server.launch();
    return server;
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>}, as the sink's {@code setAddress} takes it. */
  public String address() {
    return "127.0.0.1:" + port;
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
    String binary = RedisBinary.find();
    List<String> command = new ArrayList<>(List.of(binary,
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--dir", dir.toString(),
        "--daemonize", "no",
        "--logfile", "",
        "--save", "",
        "--appendonly", "no"));
    command.addAll(extraArgs);
    try {
      Files.createDirectories(dir);
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
    }
    Process started = process;
    killAtExit = new Thread(started::destroyForcibly, "redis-server-kill-at-exit " + port);
    Runtime.getRuntime().addShutdownHook(killAtExit);
    List<String> lines = new ArrayList<>();
    output = lines;
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(started, lines, ready), "redis-server-output " + port);
    pump.setDaemon(true);
    pump.start();
    try {
      ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      end(true);
      throw new IllegalStateException("redis-server on port " + port + " did not get ready ("
          + (e instanceof TimeoutException ? "no '" + READY + "' within " + START_TIMEOUT_SECONDS + " s" : "it exited")
          + "). Command: " + String.join(" ", command) + "\nIts output:\n" + outputText(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end(true);
      throw new IllegalStateException("Interrupted while redis-server on port " + port + " started", e);
    }
  }

  private static void pump(Process process, List<String> lines, CompletableFuture<Void> ready) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
        if (line.contains(READY)) {
          ready.complete(null);
        }
      }
      ready.completeExceptionally(new IllegalStateException("redis-server exited"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  private String outputText() {
    synchronized (output) {
      return String.join("\n", output);
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

  /** Finds {@code redis-server}, installing Debian's package first if it is missing. */
  static final class RedisBinary {
    private static String path;

    private RedisBinary() {}

    static synchronized String find() {
      if (path == null) {
        path = lookUp();
        if (path == null) {
          install();
          path = lookUp();
          if (path == null) {
            throw new IllegalStateException("scripts/ensure-debian-packages.sh redis-server succeeded, but redis-server"
                + " is neither on PATH nor in /usr/bin");
          }
        }
      }
      return path;
    }

    private static String lookUp() {
      List<Path> candidates = new ArrayList<>();
      for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty()) {
          candidates.add(Path.of(entry, "redis-server"));
        }
      }
      candidates.add(Path.of("/usr/bin/redis-server"));
      return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElse(null);
    }

    private static void install() {
      Path script = findScript();
      List<String> command = List.of("bash", script.toString(), "redis-server");
      Process p;
      try {
        p = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
      }
      String out;
      try {
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not end within " + INSTALL_TIMEOUT_MINUTES
              + " minutes. Its output:\n" + out);
        }
      } catch (IOException e) {
        p.destroyForcibly();
        throw new UncheckedIOException("Could not read the output of " + String.join(" ", command), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
      }
      System.out.print(out);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("redis-server is missing, and " + String.join(" ", command) + " failed (exit "
            + p.exitValue() + "). Its output:\n" + out);
      }
    }

    /** {@code scripts/ensure-debian-packages.sh} of the checkout the tests run in. */
    private static Path findScript() {
      Path relative = Path.of("scripts", "ensure-debian-packages.sh");
      for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
        if (Files.isRegularFile(d.resolve(relative))) {
          return d.resolve(relative);
        }
      }
      throw new IllegalStateException("redis-server is missing, and " + relative + " was not found in "
          + Path.of("").toAbsolutePath() + " or above it to install it with");
    }
  }
}
