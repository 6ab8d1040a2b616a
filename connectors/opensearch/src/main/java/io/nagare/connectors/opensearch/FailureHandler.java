package io.nagare.connectors.opensearch;

import java.io.Serializable;

/**
 * Decides what a request OpenSearch refused for good means (a document the mapping rejects, a
 * version conflict, a closed index). Serialised with the sink; called on the sink's subtask thread
 * while a bulk request is checked, once per refused request. Without one the sink fails the job on
 * the first such request.
 *
 * <p>Returning drops the request; throwing fails the job with the exception; requests added to
 * {@code indexer} (say the record into a dead-letter index) go into the next bulk request, which
 * the sink sends before the checkpoint it is flushing for completes.
 *
 * <pre>{@code
 * FailureHandler toDeadLetters = (failure, indexer) -> indexer.add(IndexRequest.of("dead-letters", null,
 *     Map.of("index", failure.request().index(), "id", failure.request().id(), "reason", failure.reason())));
 * }</pre>
 */
@FunctionalInterface
public interface FailureHandler extends Serializable {
  /** Handles one refused request. */
  void onFailure(ItemFailure failure, RequestIndexer indexer) throws Exception;
}
