package io.nagare.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.testing.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code nagare} command run in process against job jars compiled for the test. */
class CliFrontendTest {

  @TempDir
  static Path dir;
  private static Path jobJar;
  private static Path manifestJar;

  /** Writes the job's parallelism and the doubled numbers 1..5 to the file given as args[0]. */
  private static final String WRITE_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class WriteJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    java.nio.file.Files.writeString(java.nio.file.Path.of(args[0] + \".parallelism\"),"
      + " String.valueOf(env.getParallelism()));\n"
      + "    env.fromSequence(1, 5).map(x -> x * 2).returns(io.nagare.api.typeinfo.Types.LONG)"
      + ".writeAsText(args[0]).setParallelism(1);\n"
      + "    env.execute(\"write job\");\n"
      + "  }\n"
      + "}\n";
  private static final String NO_EXECUTE = "package demo;\n"
      + "public class NoExecute {\n"
      + "  public static void main(String[] args) {\n"
      + "    io.nagare.api.environment.StreamExecutionEnvironment.getExecutionEnvironment().fromSequence(1, 2);\n"
      + "  }\n"
      + "}\n";
  private static final String FAILS = "package demo;\n"
      + "public class Fails {\n"
      + "  public static void main(String[] args) {\n"
      + "    throw new IllegalStateException(\"boom: \" + args.length + \" args\");\n"
      + "  }\n"
      + "}\n";
  private static final String FAILING_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class FailingJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.fromSequence(1, 5).map(x -> { if (x == 3) throw new RuntimeException(\"no threes\"); return x; })"
      + ".returns(io.nagare.api.typeinfo.Types.LONG).name(\"Picky\").print();\n"
      + "    env.execute(\"failing job\");\n"
      + "  }\n"
      + "}\n";
  private static final String NO_MAIN = "package demo;\npublic class NoMain {\n  public void main() {}\n}\n";

  @BeforeAll
  static void buildJars() throws Exception {
    jobJar = TestJars.build(dir, "jobs", Map.of("demo.WriteJob", WRITE_JOB, "demo.NoExecute", NO_EXECUTE,
        "demo.Fails", FAILS, "demo.NoMain", NO_MAIN, "demo.FailingJob", FAILING_JOB), null);
    manifestJar = TestJars.build(dir, "with-manifest", Map.of("demo.WriteJob", WRITE_JOB), "demo.WriteJob");
  }

  /** The outcome of one command. */
  private record Result(int code, String out, String err) {}

  private static Result run(Path confDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CliFrontend(confDir).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Result run(String... args) {
    return run(null, args);
  }

  @Test
  void runsAJobAndAppliesTheParallelismOption() throws Exception {
    Path output = dir.resolve("out-p");
    Result r = run("run", "-t", "local", "-p", "3", "-c", "demo.WriteJob", jobJar.toString(), output.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(output)).containsExactlyInAnyOrder("2", "4", "6", "8", "10");
    assertThat(Files.readString(Path.of(output + ".parallelism"))).isEqualTo("3");
    assertThat(r.err()).containsPattern("Job 'write job' \\([0-9a-f]{32}\\) finished in [0-9]+ ms");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void dynamicPropertiesOverrideTheConfigurationFile(@TempDir Path conf) throws Exception {
    Files.writeString(conf.resolve("nagare-conf.yaml"), "parallelism:\n  default: 2\n");
    Path output = dir.resolve("out-d");
    Result fromFile = run(conf, "run", "-c", "demo.WriteJob", jobJar.toString(), output.toString());
    assertThat(fromFile.code()).as(fromFile.err()).isZero();
    assertThat(Files.readString(Path.of(output + ".parallelism"))).isEqualTo("2");
    Path output2 = dir.resolve("out-d2");
    Result fromFlag = run(conf, "run", "-D", "parallelism.default=4", "-c", "demo.WriteJob", jobJar.toString(),
        output2.toString());
    assertThat(fromFlag.code()).as(fromFlag.err()).isZero();
    assertThat(Files.readString(Path.of(output2 + ".parallelism"))).isEqualTo("4");
  }

  @Test
  void theManifestNamesTheMainClassWhenThereIsNoDashC() throws Exception {
    Path output = dir.resolve("out-m");
    Result r = run("run", manifestJar.toString(), output.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(output)).containsExactlyInAnyOrder("2", "4", "6", "8", "10");
    Result none = run("run", jobJar.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).isEqualTo("No main class given and the manifest of " + jobJar
        + " names none: pass it with -c <class>\n");
  }

  @Test
  void aMissingJarIsNamed() {
    Path missing = dir.resolve("missing.jar");
    Result r = run("run", "-c", "demo.WriteJob", missing.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Job jar not found: " + missing + "\n");
  }

  @Test
  void aMissingClassIsNamedWithItsJar() {
    Result r = run("run", "-c", "demo.Nope", jobJar.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Main class demo.Nope not found in " + jobJar + "\n");
  }

  @Test
  void aClassWithoutMainIsNamed() {
    Result r = run("run", "-c", "demo.NoMain", jobJar.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Class demo.NoMain in " + jobJar
        + " has no method 'public static void main(String[])'\n");
  }

  @Test
  void aProgramThatBuildsNoJobFails() {
    Result r = run("run", "-c", "demo.NoExecute", jobJar.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("The program's main method (demo.NoExecute) did not call execute(): it built no"
        + " job to run.\n");
  }

  @Test
  void aFailingProgramReportsItsExceptionAndExitsWithOne() {
    Result r = run("run", "-c", "demo.Fails", jobJar.toString(), "a", "b");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("The program failed: boom: 2 args\njava.lang.IllegalStateException: boom: 2 args");
  }

  @Test
  void aFailingJobNamesTheOperatorAndTheCause() {
    Result r = run("run", "-c", "demo.FailingJob", jobJar.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("The program failed: Job 'failing job' (");
    assertThat(r.err()).contains("Picky").contains("no threes");
  }

  @Test
  void unknownAndInvalidSettingsStopBeforeTheProgramRuns() {
    Result typo = run("run", "-D", "paralelism.default=2", "-c", "demo.WriteJob", jobJar.toString(), "x");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).isEqualTo("Unknown configuration key 'paralelism.default' (from the command line); did"
        + " you mean 'parallelism.default'?\n");
    Result bad = run("run", "-D", "execution.buffer-timeout=never", "-c", "demo.WriteJob", jobJar.toString(), "x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("Invalid value 'never' for 'execution.buffer-timeout' (from the command line):"
        + " expected a duration such as 200 ms, 10 s or 5 min\n");
    Result p = run("run", "-p", "0", jobJar.toString());
    assertThat(p.err()).isEqualTo("Invalid parallelism '0' (-p): expected a positive integer\n");
    assertThat(Files.exists(Path.of("x"))).isFalse();
  }

  @Test
  void aBadConfigurationFileIsNamed(@TempDir Path conf) throws Exception {
    Files.writeString(conf.resolve("nagare-conf.yaml"), "state.backend.typ: hashmap\n");
    Result r = run(conf, "run", "-c", "demo.WriteJob", jobJar.toString(), "x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Unknown configuration key 'state.backend.typ' (from "
        + conf.resolve("nagare-conf.yaml") + "); did you mean 'state.backend.type'?\n");
  }

  @Test
  void unsupportedTargetsAndMissingSavepointsAreRefusedClearly() {
    Result other = run("run", "-t", "mars", jobJar.toString());
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).isEqualTo("Execution target 'mars' is not supported; supported targets: local, remote,"
        + " yarn-session, yarn-per-job\n");
    Result savepoint = run("run", "-s", dir.resolve("no-such-checkpoint").toString(), "-c", "demo.WriteJob",
        jobJar.toString(), dir.resolve("out-s").toString());
    assertThat(savepoint.code()).isEqualTo(1);
    assertThat(savepoint.err()).contains("cannot restore from '" + dir.resolve("no-such-checkpoint") + "'");
  }

  @Test
  void usageErrorsAndHelp() {
    Result none = run();
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).startsWith("Usage: nagare <command> [options]");
    Result unknown = run("submit");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("Unknown command 'submit'. Commands: run, list, cancel, savepoint, stop,"
        + " help, --version.\n");
    Result noJar = run("run", "-p", "2");
    assertThat(noJar.err()).isEqualTo("No job jar given. Usage: nagare run [options] <jar> [program arguments]\n");
    Result badOption = run("run", "--bogus", "x.jar");
    assertThat(badOption.code()).isEqualTo(2);
    assertThat(badOption.err()).isEqualTo("Unrecognized option: --bogus. Run 'nagare run -h' for the options.\n");
    Result help = run("run", "-h");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("-c,--class <classname>").contains("-D <key=value>").contains("local (this process)")
        .contains("remote (a standalone cluster").contains("yarn-session (the session").contains("yarn-per-job");
  }
}
