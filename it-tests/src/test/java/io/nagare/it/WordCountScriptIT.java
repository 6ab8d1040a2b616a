package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.examples.distinct.DistinctCount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example jobs through {@code scripts/nagare run -t local} and the README's quickstart, end to end. */
class WordCountScriptIT {

  private static final Path HAMLET = ScriptRunner.home().resolve("docs/examples/hamlet.txt");

  /** The counts computed independently of the engine: same tokenisation, plain Java. */
  private static Map<String, Long> expectedCounts() throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(HAMLET, StandardCharsets.UTF_8)) {
      for (String token : line.toLowerCase().split("[^\\p{L}\\p{N}]+")) {
        if (!token.isEmpty()) {
          counts.merge(token, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private static Map<String, Long> parse(List<String> lines) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      assertThat(parts).as("output line '%s'", line).hasSize(2);
      assertThat(counts.put(parts[0], Long.parseLong(parts[1]))).as("word '%s' emitted twice", parts[0]).isNull();
    }
    return counts;
  }

  @Test
  void wordCountThroughTheCliGivesExactCounts(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("counts.txt");
    ScriptRunner.Result r = ScriptRunner.run(300, "nagare", "run", "-t", "local", "-p", "2",
        "-c", "io.nagare.examples.wordcount.WordCount", ScriptRunner.examplesJar().toString(),
        "--input", HAMLET.toString(), "--output", output.toString());
    assertThat(r.exitCode()).as("exit code; stderr:\n%s", r.stderr()).isZero();
    Map<String, Long> expected = expectedCounts();
    assertThat(expected).containsEntry("to", 15L).containsEntry("the", 21L);
    assertThat(parse(Files.readAllLines(output, StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @Test
  void missingJobJarIsNamedAndFailsTheCommand(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("no-such-job.jar");
    ScriptRunner.Result r = ScriptRunner.run(120, "nagare", "run", "-t", "local", missing.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Job jar not found: " + missing);
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void quickstartRunsBothExamplesAndPrintsTheirResults() throws Exception {
    ScriptRunner.Result r = ScriptRunner.run(600, "quickstart.sh");
    assertThat(r.exitCode()).as("exit code; stderr:\n%s", r.stderr()).isZero();
    Map<String, Long> expected = expectedCounts();
    assertThat(r.stdout()).contains(expected.size() + " distinct words;");
    assertThat(r.stdout()).contains("  the 21\n");
    Set<String> distinct = new HashSet<>();
    for (long i = 1; i <= 200_000; i++) {
      distinct.add(DistinctCount.randomString(i, 3));
    }
    assertThat(r.stdout()).contains("records=200000 distinct=" + distinct.size());
  }
}
