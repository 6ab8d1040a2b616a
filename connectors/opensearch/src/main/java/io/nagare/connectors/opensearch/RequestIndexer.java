package io.nagare.connectors.opensearch;

/**
 * Takes the requests an {@link OpensearchEmitter} or a {@link FailureHandler} makes; the sink
 * sends them in its next bulk request, in the order added. Valid only during the call it is passed
 * to, on the sink's subtask thread.
 */
public interface RequestIndexer {
  /** Adds {@code requests} to the next bulk request. */
  void add(DocumentRequest... requests);
}
