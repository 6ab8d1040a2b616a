package io.nagare.examples.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.examples.nexmark.generator.NexmarkGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator's first events equal those of Apache Flink's side of the comparison, captured in
 * {@code src/test/resources/nexmark} (see the README there).
 */
class NexmarkGeneratorTest {

  @ParameterizedTest
  @ValueSource(longs = {0, 7})
  void firstEventsEqualTheReferenceTable(long seed) throws IOException {
    List<String> reference;
    try (InputStream in = getClass().getResourceAsStream("/nexmark/events-seed" + seed + "-100.csv")) {
      assertThat(in).isNotNull();
      reference = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    List<String> generated = new ArrayList<>();
    for (long n = 0; n < reference.size(); n++) {
      generated.add(n + "," + NexmarkGenerator.event(n, seed).csv());
    }
    assertThat(reference).hasSize(100);
    assertThat(generated).containsExactlyElementsOf(reference);
  }
}
