package io.nagare.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The progress line reads the REST answers: sources' rate in, last vertices' rate out, the latest checkpoint. */
class JobProgressTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void aLineNamesTheStateTheRatesAndTheLatestCheckpoint() throws Exception {
    JsonNode job = json("{'name': 'wc', 'state': 'RUNNING', 'duration': 3723000, 'vertices': ["
        + "{'id': 0, 'metrics': {'write-records-per-second': 1200.4, 'read-records-per-second': 0}},"
        + "{'id': 1, 'metrics': {'write-records-per-second': 900, 'read-records-per-second': 1200}},"
        + "{'id': 2, 'metrics': {'write-records-per-second': 0, 'read-records-per-second': 899.6}}]}");
    JsonNode plan = json("{'plan': {'nodes': [{'id': 0, 'inputs': []}, {'id': 1, 'inputs': [{'id': 0}]},"
        + " {'id': 2, 'inputs': [{'id': 1}]}]}}");
    JsonNode checkpoints = json("{'counts': {'failed': 2}, 'latest': {'completed': {'id': 7,"
        + " 'end_to_end_duration': 120, 'state_size': 1536}}}");
    assertThat(JobProgress.line(job, plan, checkpoints))
        .isEqualTo("Job 'wc' RUNNING 1:02:03 | in 1,200 rec/s | out 900 rec/s | checkpoint 7: 120 ms, 1.5 KB (2 failed)");
    JsonNode none = json("{'counts': {'failed': 0}, 'latest': {'completed': null}}");
    assertThat(JobProgress.line(job, plan, none)).isEqualTo("Job 'wc' RUNNING 1:02:03 | in 1,200 rec/s | out 900 rec/s");
  }
}
