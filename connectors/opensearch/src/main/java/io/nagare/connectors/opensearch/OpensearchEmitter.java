package io.nagare.connectors.opensearch;

import io.nagare.api.connector.sink2.SinkWriter;
import java.io.Serializable;

/**
 * Turns a record into the requests that write it. Serialised with the job (a lambda will do);
 * called on the sink's subtask thread, once per record, in record order.
 *
 * <pre>{@code
 * OpensearchEmitter<Order> emitter = (order, context, indexer) -> {
 *   if (order.cancelled()) {
 *     indexer.add(DeleteRequest.of("orders", order.id()));
 *   } else {
 *     indexer.add(IndexRequest.of("orders", order.id(), Map.of("status", order.status())));
 *   }
 * };
 * }</pre>
 *
 * <p>Adding nothing writes nothing for the record; an exception fails the job, naming the record's
 * position.
 *
 * @param <T> the type of the records
 */
@FunctionalInterface
public interface OpensearchEmitter<T> extends Serializable {
  /** Adds the requests for {@code element} to {@code indexer}. */
  void emit(T element, SinkWriter.Context context, RequestIndexer indexer) throws Exception;
}
