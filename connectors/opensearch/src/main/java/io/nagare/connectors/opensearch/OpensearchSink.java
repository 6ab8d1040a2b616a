package io.nagare.connectors.opensearch;

import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import java.io.IOException;
import java.util.List;

/**
 * Writes a stream to OpenSearch (or to Elasticsearch, whose {@code _bulk} API it shares) through
 * bulk requests of OpenSearch's low-level REST client: an {@link OpensearchEmitter} turns each record
 * into {@link IndexRequest}s, {@link UpdateRequest}s and {@link DeleteRequest}s, which each subtask
 * sends in bulks.
 *
 * <pre>{@code
 * stream.sinkTo(OpensearchSink.<Order>builder()
 *     .setHosts("http://opensearch-1:9200", "http://opensearch-2:9200")
 *     .setEmitter((order, context, indexer) ->
 *         indexer.add(IndexRequest.of("orders", order.id(), Map.of("status", order.status()))))
 *     .build()).name("orders to OpenSearch");
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * A bulk is sent when it holds {@link OpensearchSinkBuilder#setBulkFlushMaxActions the most
 * actions} or {@link OpensearchSinkBuilder#setBulkFlushMaxSizeBytes bytes}, when the {@link
 * OpensearchSinkBuilder#setBulkFlushInterval flush interval} (if set) has passed since its first
 * request, and at every checkpoint barrier and the end of the input; every item of the answer is
 * checked. A checkpoint thus completes only once OpenSearch has taken every request of the records
 * before it, and a job restarted from it sends the later records again: at least once. Requests
 * with document ids taken from the record write the same document again, so the index ends as if
 * each record was written once: effectively once. An {@link IndexRequest} without an id gets a new
 * document on each replay. Requests reach OpenSearch in record order per subtask; a request rejected
 * with 429 is retried after the rest of its bulk has been applied.
 *
 * <h2>Failures</h2>
 *
 * Requests OpenSearch rejects as too many (status 429, a full write queue or a read-only index for
 * want of disk) are sent again, alone, after an exponential {@link
 * OpensearchSinkBuilder#setBulkFlushBackoff back-off}; a bulk request rejected as a whole with 429
 * is sent again whole. Each of these fails the job with an {@link OpensearchSinkException} naming
 * the sink, its subtask and the hosts: no answer from the hosts when the writer opens; a bulk
 * request that cannot be sent (the node went away) or that OpenSearch refuses as a whole; 429s
 * outlasting the retries; a request refused for good, such as a document the index's mapping
 * rejects, unless a {@link FailureHandler} takes it (naming the action, index, document id, the
 * record's position since the last checkpoint, and OpenSearch's reason); the emitter failing. With a
 * restart strategy the job then resumes from its last checkpoint.
 *
 * <p>Lifecycle and threads: the sink is serialised with the job; each subtask creates one writer,
 * with its own REST client, on the subtask's thread, which then owns it. There is no writer state in
 * checkpoints: what a checkpoint covers is in OpenSearch when it completes.
 *
 * @param <T> the type of the records
 */
public final class OpensearchSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final OpensearchHosts hosts;
  private final OpensearchEmitter<T> emitter;
  private final BulkOptions options;
  private final FailureHandler failureHandler;

  OpensearchSink(OpensearchHosts hosts, OpensearchEmitter<T> emitter, BulkOptions options,
      FailureHandler failureHandler) {
    this.hosts = hosts;
    this.emitter = emitter;
    this.options = options;
    this.failureHandler = failureHandler;
  }

  /** A builder of a sink for records of type {@code T}. */
  public static <T> OpensearchSinkBuilder<T> builder() {
    return new OpensearchSinkBuilder<>();
  }

  /** The hosts' addresses, as given. */
  public List<String> getHosts() {
    return hosts.urls();
  }

  /** Requests per bulk request. */
  public int getBulkFlushMaxActions() {
    return options.maxActions();
  }

  /** Bytes of a bulk body at which it is sent. */
  public long getBulkFlushMaxSizeBytes() {
    return options.maxBytes();
  }

  /** How often a request rejected with 429 is sent again before the job fails. */
  public int getBulkFlushBackoffRetries() {
    return options.maxRetries();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return createWriter(context, Thread::sleep);
  }

  OpensearchWriter<T> createWriter(WriterInitContext context, OpensearchWriter.Pause pause)
      throws OpensearchSinkException {
    return OpensearchWriter.open(context, hosts, emitter, options, failureHandler, pause);
  }

  BulkOptions options() {
    return options;
  }
}
