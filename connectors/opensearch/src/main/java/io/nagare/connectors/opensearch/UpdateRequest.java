package io.nagare.connectors.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Merges fields into a document, creating it from them if it does not exist ({@code update} action
 * of {@code _bulk} with {@code doc_as_upsert}). Setting the same fields again leaves the same
 * document, so a replay after a restart is effectively once.
 *
 * <pre>{@code
 * UpdateRequest.upsert("users", user.id(), Map.of("lastSeen", event.time()))
 * }</pre>
 */
public final class UpdateRequest extends DocumentRequest {
  private UpdateRequest(String index, String id, ObjectNode fields) {
    super("update", index, id, BulkLines.JSON.createObjectNode().<ObjectNode>set("doc", fields)
        .put("doc_as_upsert", true));
  }

  /** Sets {@code fields} (written with Jackson) in the document {@code id} of {@code index}, creating it if missing. */
  public static UpdateRequest upsert(String index, String id, Map<String, ?> fields) {
    return new UpdateRequest(index, id, BulkLines.document(fields));
  }

  /** As {@link #upsert(String, String, Map)}, with the fields given as a JSON object. */
  public static UpdateRequest upsertJson(String index, String id, String json) {
    return new UpdateRequest(index, id, BulkLines.json(json));
  }
}
