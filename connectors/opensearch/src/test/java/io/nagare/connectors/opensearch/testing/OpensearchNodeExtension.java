package io.nagare.connectors.opensearch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * One real {@link OpensearchNode} per test class, with its data in {@code target/opensearch/<class>}:
 * started before the first test, closed and its directory deleted after the last. Tests share it,
 * so each writes indices of its own. Every index has one shard and no replica, and syncs its
 * translog every few seconds rather than per request, which keeps the tests quick; a node {@link
 * OpensearchNode#stop() stopped} by the tests closes its shards, which syncs them. Offers a few
 * REST calls for setting up indices and reading back what a job wrote. JUnit's thread calls every
 * method.
 *
 * <pre>{@code
 * class ProfilesTest {
 *   @RegisterExtension static OpensearchNodeExtension opensearch = new OpensearchNodeExtension();
 *
 *   @Test void writesProfiles() throws Exception {
 *     ... OpensearchSink.<Profile>builder().setHosts(opensearch.url()) ...
 *     assertThat(opensearch.documents("profiles")).isEqualTo(Map.of("1", Map.of("name", "Ada")));
 *   }
 * }
 * }</pre>
 */
public final class OpensearchNodeExtension implements BeforeAllCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> nodeSettings;
  private Path dir;
  private OpensearchNode node;
  private RestClient client;

  /** A node with the default settings. */
  public OpensearchNodeExtension() {
    this(Map.of());
  }

  /** A node with settings of its own after the defaults, such as {@code indexing_pressure.memory.limit}. */
  public OpensearchNodeExtension(Map<String, String> nodeSettings) {
    this.nodeSettings = Map.copyOf(nodeSettings);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Path.of("target", "opensearch", context.getRequiredTestClass().getSimpleName()).toAbsolutePath();
    deleteRecursively(dir);
    node = OpensearchNode.start(dir, nodeSettings);
    client = RestClient.builder(new HttpHost("127.0.0.1", node.httpPort(), "http")).build();
    call("PUT", "/_index_template/tests", "{\"index_patterns\":[\"*\"],\"template\":{\"settings\":"
        + "{\"number_of_shards\":1,\"number_of_replicas\":0,\"index.translog.durability\":\"async\"}}}");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (client != null) {
        client.close();
        client = null;
      }
      if (node != null) {
        node.stop();
        node = null;
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The running node; available from {@code @BeforeAll} methods of the test class on. */
  public OpensearchNode node() {
    if (node == null) {
      throw new IllegalStateException("The OpenSearch node runs only while the test class runs");
    }
    return node;
  }

  /** {@code http://127.0.0.1:<port>} of the node. */
  public String url() {
    return node().url();
  }

  /** Sends a request with an optional JSON body and returns the parsed answer; fails on an error status. */
  public JsonNode call(String method, String path, String json) throws IOException {
    Request request = new Request(method, path);
    if (json != null) {
      request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    }
    Response response = client.performRequest(request);
    return JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
  }

  /** Creates {@code index} with the given {@code properties} mapping (JSON). */
  public void createIndex(String index, String properties) throws IOException {
    call("PUT", "/" + index, "{\"mappings\":{\"properties\":" + properties + "}}");
  }

  /** Sets an index setting, such as {@code index.blocks.read_only_allow_delete}, to {@code value} (JSON). */
  public void setIndexSetting(String index, String setting, String value) throws IOException {
    call("PUT", "/" + index + "/_settings", "{\"" + setting + "\":" + value + "}");
  }

  /**
   * Every document of {@code index} after a refresh, id to source, ordered by id; empty if the
   * index does not exist.
   */
  public Map<String, JsonNode> documents(String index) throws IOException {
    try {
      call("POST", "/" + index + "/_refresh", null);
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return Map.of();
      }
      throw e;
    }
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    JsonNode hits = call("POST", "/" + index + "/_search",
        "{\"size\":10000,\"sort\":[{\"_id\":\"asc\"}],\"track_total_hits\":true}").path("hits");
    if (hits.path("total").path("value").asLong() > 10_000) {
      throw new IllegalStateException(index + " holds more than 10000 documents; read it in slices");
    }
    for (JsonNode hit : hits.path("hits")) {
      documents.put(hit.path("_id").asText(), hit.path("_source"));
    }
    return documents;
  }

  /** The {@code _version} of each document of {@code index}: 1 for a document written once. */
  public Map<String, Long> versions(String index) throws IOException {
    call("POST", "/" + index + "/_refresh", null);
    Map<String, Long> versions = new LinkedHashMap<>();
    JsonNode hits = call("POST", "/" + index + "/_search",
        "{\"size\":10000,\"version\":true,\"sort\":[{\"_id\":\"asc\"}]}").path("hits").path("hits");
    for (JsonNode hit : hits) {
      versions.put(hit.path("_id").asText(), hit.path("_version").asLong());
    }
    return versions;
  }
}
