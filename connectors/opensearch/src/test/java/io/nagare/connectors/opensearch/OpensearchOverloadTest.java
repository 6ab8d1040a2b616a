package io.nagare.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static io.nagare.connectors.opensearch.OpensearchWriterTest.NO_CONTEXT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.connectors.opensearch.testing.OpensearchNodeExtension;
import io.nagare.testing.TestingWriterInitContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that takes no bulk request at all: its indexing pressure limit is one byte, so it rejects
 * every bulk request as a whole with 429. The writer sends the whole bulk again after each back-off,
 * and fails once the retries are used up.
 */
class OpensearchOverloadTest {
  @RegisterExtension
  static OpensearchNodeExtension opensearch = new OpensearchNodeExtension(Map.of("indexing_pressure.memory.limit", "1b"));

  @Test
  void aBulkRejectedAsAWholeWith429IsSentAgainWholeUntilTheRetriesAreUsedUp() throws Exception {
    List<Long> waits = new ArrayList<>();
    OpensearchSink<String> sink = OpensearchSink.<String>builder().setHosts(opensearch.url())
        .setEmitter((id, context, indexer) -> indexer.add(IndexRequest.of("overloaded", id, Map.of("id", id))))
        .setBulkFlushBackoff(2, Duration.ofMillis(30))
        .build();
    try (OpensearchWriter<String> writer = sink.createWriter(new TestingWriterInitContext("to OpenSearch", 1, 2),
        waits::add)) {
      writer.write("a", NO_CONTEXT);
      writer.write("b", NO_CONTEXT);
      writer.write("c", NO_CONTEXT);

      assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(OpensearchSinkException.class)
          .hasMessage("OpenSearch sink 'to OpenSearch' (subtask 2/2): OpenSearch at " + opensearch.url()
              + " still rejected 3 requests as too many (429) after 2 retries; the first: index of document 'a' in"
              + " 'overloaded' (record 1 since the subtask started)");
    }
    assertThat(waits).containsExactly(30L, 60L);
    assertThat(opensearch.documents("overloaded")).isEmpty();
  }
}
