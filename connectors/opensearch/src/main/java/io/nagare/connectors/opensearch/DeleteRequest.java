package io.nagare.connectors.opensearch;

/**
 * Deletes a document ({@code delete} action of {@code _bulk}). Deleting a document that is not
 * there is no failure, so a replay after a restart is effectively once.
 *
 * <pre>{@code
 * DeleteRequest.of("carts", cart.id())
 * }</pre>
 */
public final class DeleteRequest extends DocumentRequest {
  private DeleteRequest(String index, String id) {
    super("delete", index, id, null);
  }

  /** Deletes the document {@code id} of {@code index}. */
  public static DeleteRequest of(String index, String id) {
    return new DeleteRequest(index, id);
  }
}
