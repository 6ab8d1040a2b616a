package io.nagare.connectors.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/** Writes the lines of a {@code _bulk} body (NDJSON): an action line and, but for deletes, a source line. */
final class BulkLines {
  static final ObjectMapper JSON = new ObjectMapper();

  private BulkLines() {}

  /** The action line {@code {"<action>":{"_index":..,"_id":..}}} and, if {@code source} is not null, the source line. */
  static byte[] lines(String action, String index, String id, ObjectNode source) {
    ObjectNode target = JSON.createObjectNode().put("_index", index);
    if (id != null) {
      target.put("_id", id);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(write(JSON.createObjectNode().set(action, target)));
    out.write('\n');
    if (source != null) {
      out.writeBytes(write(source));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** {@code document} as a JSON object, written with Jackson; fails naming what Jackson could not write. */
  static ObjectNode document(Map<String, ?> document) {
    Objects.requireNonNull(document, "document");
    try {
      return JSON.valueToTree(document);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The document cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** {@code json}, checked to be one JSON object. */
  static ObjectNode json(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The document is not JSON (" + e.getOriginalMessage() + "): "
          + abbreviate(json), e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("A document must be a JSON object, not: " + abbreviate(json));
    }
    return object;
  }

  static void requireName(String what, String value, String action) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("A document request (" + action + ") needs a non-empty " + what);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("A JSON tree could not be written", e);
    }
  }
}
