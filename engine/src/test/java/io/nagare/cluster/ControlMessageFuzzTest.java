package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.runtime.checkpoint.TaskStateHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the control-message decoder: valid messages round-trip, and mutated JSON
 * (characters dropped, swapped or inserted, fields removed or nulled, values replaced, nesting
 * deepened) decodes to a message or fails with {@link IllegalArgumentException}, nothing else.
 */
class ControlMessageFuzzTest {
  private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ":", ",", "null", "-1", "1e999",
      "99999999999999999999999", "\"type\"", "\"register\"", "\"deploy\"", "true", "\\u0000", "\"\\ud800\""};

  private static List<ControlMessage> samples() {
    ControlMessage.AttemptId attempt = new ControlMessage.AttemptId("job-1", 2);
    return List.of(
        new ControlMessage.RegisterTaskManager("tm-1", "host", 6121, 4, 77, List.of("prometheus:9249"), ""),
        new ControlMessage.Registered("jm", 1000), new ControlMessage.Refused("no"),
        new ControlMessage.Heartbeat("tm-1"), new ControlMessage.JarChunk("job-1", new byte[] {1, 2, 3}, true),
        new ControlMessage.DeployTasks(attempt, new byte[] {4, 5}, List.of(new ControlMessage.Placement(0, 1, "tm-1",
            "host", 6121)), null, "hdfs:///c"),
        new ControlMessage.TaskEnded(attempt, 0, 1, false, "boom", "at x", new byte[] {6},
            List.of(new MetricSample("task", "job-1", 0, 1, null, "numRecordsIn", 3))),
        new ControlMessage.AcknowledgeCheckpoint(attempt, 5, new TaskStateHandle(0, 1, "hdfs:///c/5/x", 10,
            Map.of("a.sst", 4L), Set.of("b.sst"), 4)),
        new ControlMessage.AddSplits(attempt, 0, 1, 1, List.of(new byte[] {7})),
        new ControlMessage.MetricsReport("tm-1", 3, List.of()));
  }

  private static String mutate(String json, Random random) {
    StringBuilder s = new StringBuilder(json);
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(5)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 2 -> s.setCharAt(at, (char) random.nextInt(128));
        case 3 -> s.setLength(at);
        default -> s.insert(at, "[".repeat(random.nextInt(1200)));
      }
      if (s.length() == 0) {
        s.append('{');
      }
    }
    return s.toString();
  }

  @Test
  void validMessagesRoundTrip() {
    for (ControlMessage m : samples()) {
      byte[] bytes = ControlMessage.encode(m);
      assertThat(ControlMessage.encode(ControlMessage.decode(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void mutatedMessagesDecodeOrFailWithIllegalArgument() {
    Random random = new Random(18);
    List<ControlMessage> samples = samples();
    int refused = 0;
    for (int i = 0; i < 2000; i++) {
      String json = new String(ControlMessage.encode(samples.get(random.nextInt(samples.size()))),
          StandardCharsets.UTF_8);
      byte[] mutated = mutate(json, random).getBytes(StandardCharsets.UTF_8);
      try {
        assertThat(ControlMessage.decode(mutated)).isNotNull();
      } catch (IllegalArgumentException e) {
        assertThat(e).hasMessageStartingWith("Not a control message: ");
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(1000);
  }

  @Test
  void aMessageMissingAFieldOrWithNullForANumberIsRefused() {
    assertThatThrownBy(() -> ControlMessage.decode("{\"type\":\"heartbeat\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Not a control message: Missing creator property 'id'");
    assertThatThrownBy(() -> ControlMessage.decode(("{\"type\":\"registered\",\"jobManagerId\":\"jm\","
        + "\"heartbeatIntervalMillis\":null}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Not a control message: Cannot map `null` into type `long`");
  }

  @Test
  void jsonNullIsNotAMessage() {
    assertThatThrownBy(() -> ControlMessage.decode("null".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Not a control message: null");
  }

  @Test
  void deepNestingIsRefusedByItsLimit() {
    byte[] deep = ("{\"id\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ControlMessage.decode(deep)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Document nesting depth (1001) exceeds the maximum allowed (1000");
  }
}
