package io.nagare.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder's checks and defaults, and the bulk lines each request makes. */
class OpensearchSinkBuilderTest {
  private static OpensearchSinkBuilder<String> valid() {
    return OpensearchSink.<String>builder().setHosts("http://localhost:9200")
        .setEmitter((s, context, indexer) -> indexer.add(DeleteRequest.of("i", s)));
  }

  @Test
  void defaultsAreThoseDocumented() {
    OpensearchSink<String> sink = valid().build();

    assertThat(sink.getHosts()).containsExactly("http://localhost:9200");
    assertThat(sink.getBulkFlushMaxActions()).isEqualTo(1000);
    assertThat(sink.getBulkFlushMaxSizeBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(sink.getBulkFlushBackoffRetries()).isEqualTo(8);
    assertThat(sink.options().interval()).isNull();
    assertThat(sink.options().initialBackoff()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void theBackoffDoublesUpToAMinute() {
    BulkOptions options = valid().setBulkFlushBackoff(40, Duration.ofSeconds(1)).build().options();

    assertThat(List.of(0, 1, 2, 5, 6, 7, 39).stream().map(options::backoffMillis).toList())
        .containsExactly(1_000L, 2_000L, 4_000L, 32_000L, 60_000L, 60_000L, 60_000L);
  }

  @Test
  void missingHostsOrEmitterFailNamingWhatToCall() {
    assertThatThrownBy(() -> OpensearchSink.<String>builder().setEmitter((s, c, i) -> {}).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("No hosts: call setHosts(\"http://localhost:9200\")");
    assertThatThrownBy(() -> OpensearchSink.<String>builder().setHosts("http://localhost:9200").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("No emitter: call setEmitter(");
  }

  @Test
  void hostsMustBeHttpAddressesWithAPort() {
    assertThatThrownBy(() -> valid().setHosts("localhost:9200")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setHosts: 'localhost:9200' is not an OpenSearch address such as http://localhost:9200: the scheme"
            + " must be http or https");
    assertThatThrownBy(() -> valid().setHosts("http://localhost")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(": it needs a host and a port");
    assertThatThrownBy(() -> valid().setHosts("https://localhost:9200/prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(": it may hold no path, query or credentials (use setCredentials)");
    assertThat(valid().setHosts("https://a:9200/", "http://b:9201").build().getHosts())
        .containsExactly("https://a:9200", "http://b:9201");
  }

  @Test
  void numericOptionsOutOfRangeFailNamingTheOption() {
    assertThatThrownBy(() -> valid().setBulkFlushMaxActions(0)).hasMessage("setBulkFlushMaxActions: must be at least 1, not 0");
    assertThatThrownBy(() -> valid().setBulkFlushMaxSizeBytes(0)).hasMessage("setBulkFlushMaxSizeBytes: must be at least 1, not 0");
    assertThatThrownBy(() -> valid().setBulkFlushInterval(Duration.ZERO))
        .hasMessage("setBulkFlushInterval: must be at least 1 ms, not PT0S");
    assertThatThrownBy(() -> valid().setBulkFlushBackoff(-1, Duration.ofMillis(1)))
        .hasMessage("setBulkFlushBackoff: the retries must be 0 or more, not -1");
    assertThatThrownBy(() -> valid().setBulkFlushBackoff(1, Duration.ofMinutes(2)))
        .hasMessage("setBulkFlushBackoff: the initial delay must be from 0 to PT1M, not PT2M");
  }

  @Test
  void requestsWriteTheirBulkLines() {
    assertThat(lines(IndexRequest.of("orders", "a1", Map.of("total", 3))))
        .isEqualTo("{\"index\":{\"_index\":\"orders\",\"_id\":\"a1\"}}\n{\"total\":3}\n");
    assertThat(lines(IndexRequest.ofJson("orders", null, " { \"total\" : 3 } ")))
        .isEqualTo("{\"index\":{\"_index\":\"orders\"}}\n{\"total\":3}\n");
    assertThat(lines(UpdateRequest.upsert("orders", "a1", Map.of("total", 4))))
        .isEqualTo("{\"update\":{\"_index\":\"orders\",\"_id\":\"a1\"}}\n{\"doc\":{\"total\":4},\"doc_as_upsert\":true}\n");
    assertThat(lines(DeleteRequest.of("orders", "a1"))).isEqualTo("{\"delete\":{\"_index\":\"orders\",\"_id\":\"a1\"}}\n");
  }

  @Test
  void requestsNameTheirTargetButNeverTheDocument() {
    assertThat(IndexRequest.of("orders", "a1", Map.of("secret", "x")).toString()).isEqualTo("index of document 'a1' in 'orders'");
    assertThat(IndexRequest.of("orders", null, Map.of()).toString()).isEqualTo("index of a document without id in 'orders'");
  }

  @Test
  void badRequestsFailWhereTheyAreMade() {
    assertThatThrownBy(() -> IndexRequest.ofJson("orders", "a1", "[1]"))
        .hasMessage("A document must be a JSON object, not: [1]");
    assertThatThrownBy(() -> UpdateRequest.upsert("orders", null, Map.of()))
        .hasMessage("A document request (update) needs a non-empty document id");
    assertThatThrownBy(() -> DeleteRequest.of("", "a1")).hasMessage("A document request (delete) needs a non-empty index");
    assertThatThrownBy(() -> IndexRequest.of("orders", "a1", Map.of("self", new Object())))
        .hasMessageStartingWith("The document cannot be written as JSON: ");
  }

  private static String lines(DocumentRequest request) {
    return new String(request.bulkLines(), StandardCharsets.UTF_8);
  }
}
