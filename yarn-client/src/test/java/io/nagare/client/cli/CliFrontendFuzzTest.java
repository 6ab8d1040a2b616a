package io.nagare.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the command line: random argument lists of the CLI's commands, options and
 * odd values (no YARN target, no reachable cluster, no runnable program) end with an exit code
 * and, unless it is 0, a message on stderr; never an exception or a hang.
 */
class CliFrontendFuzzTest {
  @TempDir
  static Path dir;

  private static final String[] COMMANDS = {"run", "list", "cancel", "savepoint", "stop", "help", "--version",
      "-h", "bogus", ""};
  private static final String[] OPTIONS = {"-c", "-p", "-t", "-m", "-d", "-D", "-s", "-n", "-h", "-a", "--class",
      "--parallelism", "--target", "--jobmanager", "--detached", "--fromSavepoint", "--allowNonRestoredState",
      "--help", "--all", "--savepointPath", "-", "--", "-Dparallelism.default", "-x", "---"};
  private static final String[] VALUES = {"0", "-1", "2147483648", "abc", "", " ", "=", "==", "a=b",
      "parallelism.default=", "parallelism.default=x", "parallelism.default=4", "rest.port=99999",
      "security.ssl.key-password=x", "unknown.key=1", "local", "remote", "127.0.0.1:1", "127.0.0.1:x",
      ":", "127.0.0.1:99999", "0123456789abcdef0123456789abcdef", "/nonexistent.jar", "\u0000", "é∂",
      "%s%n", "${HOME}"};

  @Test
  void randomArgumentsEndWithAnExitCodeAndAMessage() throws Exception {
    Path empty = dir.resolve("empty.jar");
    new JarOutputStream(Files.newOutputStream(empty)).close();
    Random random = new Random(18);
    int[] codes = new int[3];
    for (int i = 0; i < 400; i++) {
      List<String> args = new ArrayList<>();
      args.add(COMMANDS[random.nextInt(COMMANDS.length)]);
      for (int n = random.nextInt(7); n > 0; n--) {
        int pick = random.nextInt(10);
        args.add(pick < 4 ? OPTIONS[random.nextInt(OPTIONS.length)] : pick < 9 ? VALUES[random.nextInt(VALUES.length)]
            : empty.toString());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = new CliFrontend(null).run(args.toArray(new String[0]), new PrintStream(out, true,
          StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      String stderr = err.toString(StandardCharsets.UTF_8);
      assertThat(code).as("%s", args).isBetween(CliFrontend.OK, CliFrontend.USAGE);
      if (code != CliFrontend.OK) {
        assertThat(stderr).as("%s", args).isNotBlank();
      }
      codes[code]++;
    }
    assertThat(codes[CliFrontend.USAGE]).as("most random command lines are usage errors").isGreaterThan(200);
  }

  @Test
  void aJobIdThatCannotBeInAPathIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CliFrontend(null).run(new String[] {"savepoint", "a b"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(CliFrontend.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Invalid job id 'a b': a job id is letters and digits,"
        + " as 'nagare list' shows it\n");
  }

  @Test
  void aJarPathWithANulCharacterIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CliFrontend(null).run(new String[] {"run", "a\0b.jar"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(CliFrontend.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Invalid job jar path 'a\\0b.jar': Nul character not"
        + " allowed\n");
  }
}
