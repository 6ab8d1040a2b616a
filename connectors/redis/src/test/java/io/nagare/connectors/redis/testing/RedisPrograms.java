package io.nagare.connectors.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds {@code redis-server} and {@code redis-cli} on {@code PATH} or in {@code /usr/bin}. If one
 * is missing, runs {@code scripts/ensure-debian-packages.sh redis-server redis-tools:redis-cli} of
 * the checkout once (it installs Debian's packages as root, and fails saying what to run
 * otherwise), waits for it, and fails with its output if it failed.
 */
public final class RedisPrograms {
  private static final Map<String, String> PACKAGES = Map.of("redis-server", "redis-server", "redis-cli", "redis-tools");
  private static final long INSTALL_TIMEOUT_MINUTES = 10;
  private static boolean installed;

  private RedisPrograms() {}

  /** The path of {@code program} ({@code redis-server} or {@code redis-cli}), installing it first if missing. */
  public static synchronized String path(String program) {
    if (!PACKAGES.containsKey(program)) {
      throw new IllegalArgumentException("Not a Redis program: " + program + "; known: " + PACKAGES.keySet());
    }
    String path = lookUp(program);
    if (path == null && !installed) {
      install();
      installed = true;
      path = lookUp(program);
    }
    if (path == null) {
      throw new IllegalStateException(program + " is neither on PATH nor in /usr/bin, although"
          + " scripts/ensure-debian-packages.sh ran and succeeded");
    }
    return path;
  }

  private static String lookUp(String program) {
    List<Path> candidates = new ArrayList<>();
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        candidates.add(Path.of(entry, program));
      }
    }
    candidates.add(Path.of("/usr/bin", program));
    return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElse(null);
  }

  private static void install() {
    List<String> command = List.of("bash", findScript().toString(), "redis-server", "redis-tools:redis-cli");
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
      throw new IllegalStateException("Redis is not installed, and " + String.join(" ", command) + " failed (exit "
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
    throw new IllegalStateException("Redis is not installed, and " + relative + " was not found in "
        + Path.of("").toAbsolutePath() + " or above it to install it with");
  }
}
