package io.nagare.connectors.kafka.sink;

import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.metrics.Gauge;
import io.nagare.connectors.kafka.internal.TransactionalIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link DeliveryGuarantee#EXACTLY_ONCE}: one Kafka transaction per subtask and
 * checkpoint, begun with the first record after a barrier, flushed and pre-committed at the next
 * barrier, committed by the {@link KafkaCommitter} when that checkpoint completes. Transactional
 * ids come from the subtask's {@link TransactionPool}.
 *
 * <p>When it starts (fresh or restored), the writer of subtask {@code i} of {@code p} aborts every
 * transaction left open under its prefix (and under the prefixes of its restored state) by
 * subtasks {@code k} with {@code k % p == i}, its own included. By then the runtime has committed
 * every committable of those subtasks restored from the checkpoint (it does so before it creates
 * the writer), so what is still open belongs to no completed checkpoint: records written after the
 * last checkpoint by the failed run, or by a run that was not restored at all. Subtasks that no
 * longer exist after a rescale are covered by the subtask that took over their committables.
 *
 * <p>Checkpoint ids reach the writer through {@link #snapshotState} (after {@code flush}, with or
 * after {@code prepareCommit}); they label pre-committed transactions for the pool's messages and
 * decide when a committed id may be reused.
 */
final class TransactionalKafkaWriter<IN> extends KafkaWriter<IN> {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalKafkaWriter.class);

  private final String prefix;
  private final TransactionPool pool;
  private final Runnable release;
  private TransactionPool.Slot current;
  /** The checkpoint of the barrier being handled, once {@link #snapshotState} told it; -1 otherwise. */
  private long barrierCheckpointId = -1;

  TransactionalKafkaWriter(WriterInitContext context, KafkaRecordSerializationSchema<IN> schema,
      String bootstrapServers, String prefix, TransactionPool pool, Runnable release) {
    super(context, schema, bootstrapServers);
    this.prefix = prefix;
    this.pool = pool;
    this.release = release;
    context.metricGroup().gauge("pendingTransactions", (Gauge<Integer>) pool::pendingTransactions);
    context.getRestoredCheckpointId().ifPresent(pool::restoredFrom);
  }

  /**
   * Asks the cluster which transaction protocol it runs (it decides when ids are reused), then
   * aborts what earlier runs left open under {@code prefix} and {@code restoredPrefixes} for this
   * subtask.
   */
  void start(Collection<String> restoredPrefixes) {
    boolean transactionV2 = pool.transactionV2();
    LOG.debug("Kafka sink '{}' (subtask {}/{}) uses transactions V{}", operatorName, subtask + 1, parallelism,
        transactionV2 ? 2 : 1);
    Set<String> prefixes = new LinkedHashSet<>();
    prefixes.add(prefix);
    prefixes.addAll(restoredPrefixes);
    List<String> lingering = new ArrayList<>();
    for (String id : pool.admin().openTransactions()) {
      for (String p : prefixes) {
        TransactionalIds.parse(p, id)
            .filter(parsed -> parsed.subtask() % parallelism == subtask)
            .ifPresent(parsed -> lingering.add(id));
      }
    }
    if (!lingering.isEmpty()) {
      LOG.info("Kafka sink '{}' (subtask {}/{}) aborts {} transactions left open by an earlier run: {}",
          operatorName, subtask + 1, parallelism, lingering.size(), lingering);
      pool.admin().fenceProducers(lingering);
    }
  }

  @Override
  protected KafkaProducer<byte[], byte[]> producerForRecord() {
    if (current == null) {
      current = pool.beginTransaction();
    }
    return current.producer;
  }

  @Override
  protected KafkaProducer<byte[], byte[]> metadataProducer() {
    return current != null ? current.producer : pool.anyProducer();
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    barrierCheckpointId = -1;
    if (current != null) {
      current.producer.flush();
    }
    throwSendFailure();
  }

  @Override
  public Collection<KafkaCommittable> prepareCommit() throws IOException {
    if (current == null) {
      throwSendFailure();
      return List.of();
    }
    current.producer.flush();
    throwSendFailure();
    KafkaCommittable committable = pool.precommit(current, barrierCheckpointId);
    current = null;
    return List.of(committable);
  }

  @Override
  public List<KafkaWriterState> snapshotState(long checkpointId) {
    barrierCheckpointId = checkpointId;
    pool.barrier(checkpointId);
    return List.of(new KafkaWriterState(prefix));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    pool.checkpointComplete(checkpointId);
  }

  @Override
  public void close() {
    current = null;
    release.run();
  }
}
