package io.nagare.connectors.opensearch;

import java.util.Map;
import java.util.Objects;

/**
 * Writes a whole document ({@code index} action of {@code _bulk}): the document with this id is
 * replaced. With an id taken from the record, a replay after a restart writes the same document
 * again: effectively once. Without an id OpenSearch picks one, so a replay adds a second copy: at
 * least once.
 *
 * <pre>{@code
 * IndexRequest.of("orders", order.id(), Map.of("status", order.status(), "total", order.total()))
 * IndexRequest.ofJson("orders", order.id(), "{\"status\":\"paid\"}")
 * }</pre>
 */
public final class IndexRequest extends DocumentRequest {
  private IndexRequest(String index, String id, Map<String, ?> document, String json) {
    super("index", index, id, document != null ? BulkLines.document(document) : BulkLines.json(json));
  }

  /** The document (written with Jackson) under {@code id} in {@code index}; a null id lets OpenSearch pick one. */
  public static IndexRequest of(String index, String id, Map<String, ?> document) {
    return new IndexRequest(index, id, Objects.requireNonNull(document, "document"), null);
  }

  /** The document given as a JSON object under {@code id} in {@code index}; a null id lets OpenSearch pick one. */
  public static IndexRequest ofJson(String index, String id, String json) {
    return new IndexRequest(index, id, null, Objects.requireNonNull(json, "json"));
  }
}
