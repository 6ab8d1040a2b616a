package io.nagare.connectors.jdbc.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds PostgreSQL's server programs ({@code initdb}, {@code postgres}, {@code pg_ctl}): in
 * {@code /usr/lib/postgresql/<version>/bin} of the highest version (where Debian puts them, off
 * {@code PATH}), else on {@code PATH}. If there are none, runs {@code
 * scripts/ensure-debian-packages.sh postgresql:/usr/lib/postgresql/*}{@code /bin/initdb} of the
 * checkout once (it installs Debian's {@code postgresql} as root, and fails saying what to run
 * otherwise), and fails with its output if that failed.
 */
public final class PostgresPrograms {
  private static final Set<String> PROGRAMS = Set.of("initdb", "postgres", "pg_ctl");
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final long INSTALL_TIMEOUT_MINUTES = 10;
  private static boolean installed;

  private PostgresPrograms() {}

  /** The path of {@code program}, installing PostgreSQL first if it is missing. */
  public static synchronized String path(String program) {
    if (!PROGRAMS.contains(program)) {
      throw new IllegalArgumentException("Not a PostgreSQL server program: " + program + "; known: " + PROGRAMS);
    }
    Optional<Path> path = lookUp(program);
    if (path.isEmpty() && !installed) {
      install();
      installed = true;
      path = lookUp(program);
    }
    return path.map(Path::toString).orElseThrow(() -> new IllegalStateException(program + " is neither in "
        + DEBIAN_ROOT + "/<version>/bin nor on PATH, although scripts/ensure-debian-packages.sh ran and succeeded"));
  }

  private static Optional<Path> lookUp(String program) {
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(DEBIAN_ROOT)) {
      try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
        versions.filter(v -> v.getFileName().toString().matches("\\d+"))
            .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString())).reversed())
            .forEach(v -> candidates.add(v.resolve("bin").resolve(program)));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not list " + DEBIAN_ROOT, e);
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        candidates.add(Path.of(entry, program));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private static void install() {
    List<String> command = List.of("bash", findScript().toString(), "postgresql:" + DEBIAN_ROOT + "/*/bin/initdb");
    ProcessResult result = ProcessResult.run(command, INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    System.out.print(result.output());
    if (result.exitCode() != 0) {
      throw new IllegalStateException("PostgreSQL is not installed, and " + String.join(" ", command) + " failed (exit "
          + result.exitCode() + "). Its output:\n" + result.output());
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
    throw new IllegalStateException("PostgreSQL is not installed, and " + relative + " was not found in "
        + Path.of("").toAbsolutePath() + " or above it to install it with");
  }

  /** A finished program's exit code and output (stdout and stderr together). */
  record ProcessResult(int exitCode, String output) {
    /** Runs {@code command} to its end, at most {@code timeout}; fails if it does not end. */
    static ProcessResult run(List<String> command, long timeout, TimeUnit unit) {
      Process p;
      try {
        p = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
      }
      try {
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeout, unit)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout + " " + unit
              + ". Its output:\n" + out);
        }
        return new ProcessResult(p.exitValue(), out);
      } catch (IOException e) {
        p.destroyForcibly();
        throw new UncheckedIOException("Could not read the output of " + String.join(" ", command), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
      }
    }
  }
}
