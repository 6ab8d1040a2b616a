package io.nagare.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.connectors.opensearch.testing.OpensearchNodeExtension;
import io.nagare.testing.TestingWriterInitContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One writer driven by hand against a real OpenSearch node: bulks, the flush interval, checkpoints, retries, failures. */
class OpensearchWriterTest {
  @RegisterExtension static OpensearchNodeExtension opensearch = new OpensearchNodeExtension();
  private static final ObjectMapper JSON = new ObjectMapper();

  static final SinkWriter.Context NO_CONTEXT = new SinkWriter.Context() {
    @Override
    public long currentWatermark() {
      return Long.MIN_VALUE;
    }

    @Override
    public Long timestamp() {
      return null;
    }
  };

  /** A sink whose records {@code "index/id=n"} become {@code index} of {"n": n} under {@code id}. */
  private static OpensearchSinkBuilder<String> sink() {
    return OpensearchSink.<String>builder()
        .setHosts(opensearch.url())
        .setEmitter((record, context, indexer) -> {
          String target = record.substring(0, record.indexOf('='));
          indexer.add(IndexRequest.ofJson(target.substring(0, target.indexOf('/')),
              target.substring(target.indexOf('/') + 1), "{\"n\":" + record.substring(record.indexOf('=') + 1) + "}"));
        });
  }

  private static OpensearchWriter<String> open(OpensearchSinkBuilder<String> builder, TestingWriterInitContext context,
      OpensearchWriter.Pause pause) throws Exception {
    return builder.build().createWriter(context, pause);
  }

  private static OpensearchWriter<String> open(OpensearchSinkBuilder<String> builder) throws Exception {
    return open(builder, new TestingWriterInitContext("to OpenSearch", 0, 1), millis -> {
      throw new AssertionError("no retry expected, but one was to wait " + millis + " ms");
    });
  }

  private static Map<String, JsonNode> numbers(String index) throws IOException {
    return opensearch.documents(index);
  }

  private static JsonNode json(String json) throws IOException {
    return JSON.readTree(json);
  }

  @Test
  void aBulkIsSentWhenItHoldsTheMostActionsAndNotBefore() throws Exception {
    try (OpensearchWriter<String> writer = open(sink().setBulkFlushMaxActions(3))) {
      writer.write("actions/a=1", NO_CONTEXT);
      writer.write("actions/b=2", NO_CONTEXT);
      assertThat(numbers("actions")).isEmpty();

      writer.write("actions/c=3", NO_CONTEXT);
      assertThat(numbers("actions")).containsExactly(Map.entry("a", json("{\"n\":1}")),
          Map.entry("b", json("{\"n\":2}")),
          Map.entry("c", json("{\"n\":3}")));
    }
  }

  @Test
  void aBulkIsSentWhenItHoldsTheMostBytes() throws Exception {
    int linesOfOne = IndexRequest.ofJson("bytes", "a", "{\"n\":1}").bulkLines().length;
    try (OpensearchWriter<String> writer = open(sink().setBulkFlushMaxSizeBytes(2L * linesOfOne))) {
      writer.write("bytes/a=1", NO_CONTEXT);
      assertThat(numbers("bytes")).isEmpty();

      writer.write("bytes/b=2", NO_CONTEXT);
      assertThat(numbers("bytes")).containsOnlyKeys("a", "b");
    }
  }

  @Test
  void theFlushIntervalSendsABulkThatIsNotFull() throws Exception {
    TestingWriterInitContext context = new TestingWriterInitContext("to OpenSearch", 0, 1);
    try (OpensearchWriter<String> writer = open(sink().setBulkFlushInterval(Duration.ofMillis(200)), context,
        millis -> {})) {
      context.setCurrentTime(1_000);
      writer.write("interval/a=1", NO_CONTEXT);
      context.setCurrentTime(1_199);
      assertThat(numbers("interval")).isEmpty();

      context.setCurrentTime(1_200);
      assertThat(numbers("interval")).containsOnlyKeys("a");
      assertThat(context.pendingTimers()).isZero();
    }
  }

  @Test
  void flushSendsIndexUpdateAndDeleteRequestsInRecordOrder() throws Exception {
    OpensearchSinkBuilder<String> builder = OpensearchSink.<String>builder().setHosts(opensearch.url())
        .setEmitter((record, context, indexer) -> {
          switch (record) {
            case "create" -> indexer.add(IndexRequest.of("kinds", "1", Map.of("name", "one", "count", 1)),
                IndexRequest.of("kinds", "2", Map.of("name", "two", "count", 2)));
            case "update" -> indexer.add(UpdateRequest.upsert("kinds", "1", Map.of("count", 10)),
                UpdateRequest.upsertJson("kinds", "3", "{\"name\":\"three\"}"));
            case "delete" -> indexer.add(DeleteRequest.of("kinds", "2"), DeleteRequest.of("kinds", "never-written"));
            default -> throw new IllegalArgumentException(record);
          }
        });
    try (OpensearchWriter<String> writer = open(builder)) {
      writer.write("create", NO_CONTEXT);
      writer.write("update", NO_CONTEXT);
      writer.write("delete", NO_CONTEXT);
      assertThat(numbers("kinds")).isEmpty();

      writer.flush(false);
    }

    assertThat(numbers("kinds")).containsExactly(Map.entry("1", json("{\"count\":10,\"name\":\"one\"}")),
        Map.entry("3", json("{\"name\":\"three\"}")));
  }

  /**
   * The index {@code retried-blocked} is read-only for want of disk, which OpenSearch answers per
   * item with 429; the first back-off lifts the block. Only the rejected items are sent again:
   * every document is at version 1.
   */
  @Test
  void itemsRejectedWith429AreSentAgainAloneAfterTheBackoff() throws Exception {
    opensearch.createIndex("retried-open", "{\"n\":{\"type\":\"long\"}}");
    opensearch.createIndex("retried-blocked", "{\"n\":{\"type\":\"long\"}}");
    opensearch.setIndexSetting("retried-blocked", "index.blocks.read_only_allow_delete", "true");
    List<Long> waits = new ArrayList<>();
    OpensearchWriter.Pause liftTheBlock = millis -> {
      waits.add(millis);
      try {
        opensearch.setIndexSetting("retried-blocked", "index.blocks.read_only_allow_delete", "null");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    try (OpensearchWriter<String> writer = open(sink().setBulkFlushBackoff(3, Duration.ofMillis(40)),
        new TestingWriterInitContext("to OpenSearch", 0, 1), liftTheBlock)) {
      for (int i = 0; i < 4; i++) {
        writer.write("retried-open/" + i + "=" + i, NO_CONTEXT);
        writer.write("retried-blocked/" + i + "=" + i, NO_CONTEXT);
      }
      writer.flush(false);
    }

    assertThat(waits).containsExactly(40L);
    assertThat(opensearch.versions("retried-open")).isEqualTo(Map.of("0", 1L, "1", 1L, "2", 1L, "3", 1L));
    assertThat(opensearch.versions("retried-blocked")).isEqualTo(Map.of("0", 1L, "1", 1L, "2", 1L, "3", 1L));
  }

  @Test
  void rejectionsOutlastingTheRetriesFailNamingTheSinkAndTheFirstRequest() throws Exception {
    opensearch.createIndex("outlasted", "{\"n\":{\"type\":\"long\"}}");
    opensearch.setIndexSetting("outlasted", "index.blocks.read_only_allow_delete", "true");
    List<Long> waits = new ArrayList<>();
    try (OpensearchWriter<String> writer = open(sink().setBulkFlushBackoff(3, Duration.ofMillis(100)),
        new TestingWriterInitContext("to OpenSearch", 0, 1), waits::add)) {
      writer.write("outlasted/a=1", NO_CONTEXT);
      writer.write("outlasted/b=2", NO_CONTEXT);

      assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(OpensearchSinkException.class)
          .hasMessage("OpenSearch sink 'to OpenSearch' (subtask 1/1): OpenSearch at " + opensearch.url()
              + " still rejected 2 requests as too many (429) after 3 retries; the first: index of document 'a' in"
              + " 'outlasted' (record 1 since the subtask started)");
    } finally {
      opensearch.setIndexSetting("outlasted", "index.blocks.read_only_allow_delete", "null");
    }
    assertThat(waits).containsExactly(100L, 200L, 400L);
    assertThat(numbers("outlasted")).isEmpty();
  }

  @Test
  void aDocumentTheMappingRejectsFailsNamingTheSinkTheIndexTheIdTheRecordAndTheReason() throws Exception {
    opensearch.createIndex("mapped", "{\"n\":{\"type\":\"long\"}}");
    try (OpensearchWriter<String> writer = open(sink())) {
      writer.write("mapped/a=1", NO_CONTEXT);
      writer.flush(false);
      writer.write("mapped/b=2", NO_CONTEXT);
      writer.write("mapped/c=\"three\"", NO_CONTEXT);
      writer.write("mapped/d=4", NO_CONTEXT);

      assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(OpensearchSinkException.class)
          .hasMessageStartingWith("OpenSearch sink 'to OpenSearch' (subtask 1/1): OpenSearch at " + opensearch.url()
              + " refused index of document 'c' in 'mapped' (record 2 since the last checkpoint): 400"
              + " mapper_parsing_exception: failed to parse field [n] of type [long] in document with id 'c'.")
          .hasMessageEndingWith("(caused by illegal_argument_exception: For input string: \"three\")");
    }
    assertThat(numbers("mapped")).containsOnlyKeys("a", "b", "d");
  }

  @Test
  void aFailureHandlerTakesRefusedRequestsAndItsRequestsAreSentBeforeTheFlushEnds() throws Exception {
    opensearch.createIndex("handled", "{\"n\":{\"type\":\"long\"}}");
    List<ItemFailure> failures = new ArrayList<>();
    OpensearchSinkBuilder<String> builder = sink().setFailureHandler((failure, indexer) -> {
      failures.add(failure);
      indexer.add(IndexRequest.of("handled-dead-letters", failure.request().id(),
          Map.of("index", failure.request().index(), "type", failure.type())));
    });
    try (OpensearchWriter<String> writer = open(builder)) {
      writer.write("handled/a=1", NO_CONTEXT);
      writer.write("handled/b=\"two\"", NO_CONTEXT);
      writer.write("handled/c=3", NO_CONTEXT);
      writer.flush(false);
    }

    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.request().toString()).isEqualTo("index of document 'b' in 'handled'");
      assertThat(f.status()).isEqualTo(400);
      assertThat(f.type()).isEqualTo("mapper_parsing_exception");
      assertThat(f.record()).isEqualTo("record 2 since the subtask started");
    });
    assertThat(numbers("handled")).containsOnlyKeys("a", "c");
    assertThat(numbers("handled-dead-letters"))
        .containsExactly(Map.entry("b", json("{\"index\":\"handled\",\"type\":\"mapper_parsing_exception\"}")));
  }

  @Test
  void anUnreachableHostFailsOpeningTheWriterNamingTheSinkAndTheHost() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    OpensearchSinkBuilder<String> builder = sink().setHosts("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> open(builder)).isInstanceOf(OpensearchSinkException.class)
        .hasMessage("OpenSearch sink 'to OpenSearch' (subtask 1/1) cannot connect to OpenSearch at http://127.0.0.1:"
            + port + ": Connection refused");
  }

  @Test
  void anEmitterFailureNamesTheSinkAndTheRecord() throws Exception {
    OpensearchSinkBuilder<String> builder = OpensearchSink.<String>builder().setHosts(opensearch.url())
        .setEmitter((record, context, indexer) -> indexer.add(IndexRequest.ofJson("emitted", record, record)));
    try (OpensearchWriter<String> writer = open(builder)) {
      writer.write("{}", NO_CONTEXT);

      assertThatThrownBy(() -> writer.write("not json", NO_CONTEXT)).isInstanceOf(OpensearchSinkException.class)
          .hasMessageStartingWith("OpenSearch sink 'to OpenSearch' (subtask 1/1): the emitter failed on record 2 since"
              + " the subtask started: java.lang.IllegalArgumentException: The document is not JSON (");
    }
  }
}
