package io.nagare.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's scripts as a user would, from the installation under test ({@code
 * nagare.home}, set by the build), capturing exit code, stdout and stderr.
 */
final class ScriptRunner {
  /** What a script run produced. */
  record Result(int exitCode, String stdout, String stderr) {}

  static Path home() {
    String home = System.getProperty("nagare.home");
    if (home == null) {
      throw new IllegalStateException("System property nagare.home is not set: run the ITs through Maven (failsafe)");
    }
    return Path.of(home).toAbsolutePath().normalize();
  }

  /** The examples jar built by the engine module. */
  static Path examplesJar() throws IOException {
    try (var files = Files.list(home().resolve("engine/target"))) {
      return files.filter(p -> p.getFileName().toString().matches("nagare-engine-.*-examples\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No examples jar in engine/target: build the engine first"));
    }
  }

  /** Runs {@code scripts/<script> args...} and waits up to {@code timeoutSeconds}. */
  static Result run(long timeoutSeconds, String script, String... args) throws IOException, InterruptedException {
    return run(timeoutSeconds, java.util.Map.of(), script, args);
  }

  /** Runs {@code scripts/<script> args...} with extra environment variables, waiting up to {@code timeoutSeconds}. */
  static Result run(long timeoutSeconds, java.util.Map<String, String> environment, String script, String... args)
      throws IOException, InterruptedException {
    return runWithInput(timeoutSeconds, environment, "", script, args);
  }

  /** Runs {@code scripts/<script> args...} with {@code input} on its stdin. */
  static Result runWithInput(long timeoutSeconds, java.util.Map<String, String> environment, String input,
      String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home().resolve("scripts").resolve(script).toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile("nagare-it", ".out");
    Path stderr = Files.createTempFile("nagare-it", ".err");
    Path stdin = Files.writeString(Files.createTempFile("nagare-it", ".in"), input);
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
          .redirectInput(stdin.toFile());
      pb.environment().put("NAGARE_HOME", home().toString());
      pb.environment().putAll(environment);
      Process process = pb.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(script + " did not end within " + timeoutSeconds + " s; stderr:\n"
            + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
      Files.deleteIfExists(stdin);
    }
  }

  private ScriptRunner() {}
}
