package io.nagare.connectors.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One operation of a bulk request, made by an {@link OpensearchEmitter}: an {@link IndexRequest}
 * (write a whole document), an {@link UpdateRequest} (merge fields into a document, creating it if
 * missing) or a {@link DeleteRequest}. Immutable; the document is turned into JSON when the request
 * is made, so a document Jackson cannot write fails in the emitter, naming the record.
 *
 * <p>{@link #toString()} names the operation, the index and the document id, never the document,
 * since documents may hold personal data; failure messages of the sink use it.
 */
public abstract sealed class DocumentRequest permits IndexRequest, UpdateRequest, DeleteRequest {
  private final String action;
  private final String index;
  private final String id;
  private final byte[] lines;

  DocumentRequest(String action, String index, String id, ObjectNode source) {
    BulkLines.requireName("index", index, action);
    if (id != null || !(this instanceof IndexRequest)) {
      BulkLines.requireName("document id", id, action);
    }
    this.action = action;
    this.index = index;
    this.id = id;
    this.lines = BulkLines.lines(action, index, id, source);
  }

  /** The index written to. */
  public final String index() {
    return index;
  }

  /** The document id; null only for an {@link IndexRequest} that lets OpenSearch pick one. */
  public final String id() {
    return id;
  }

  /** The bulk action: {@code index}, {@code update} or {@code delete}. */
  public final String action() {
    return action;
  }

  /** The request's lines of a {@code _bulk} body, each ended by a newline, in UTF-8; not to be changed. */
  final byte[] bulkLines() {
    return lines;
  }

  /** The action, the index and the id, as in {@code index of document 'a1' in 'orders'}; never the document. */
  @Override
  public final String toString() {
    return action + " of " + (id == null ? "a document without id" : "document '" + id + "'") + " in '" + index + "'";
  }
}
