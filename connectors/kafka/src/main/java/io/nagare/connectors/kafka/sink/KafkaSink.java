package io.nagare.connectors.kafka.sink;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.connector.SubmissionCheck;
import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.CommitterInitContext;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.SupportsCommitter;
import io.nagare.api.connector.sink2.SupportsWriterState;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.connectors.kafka.internal.AdminCalls;
import io.nagare.connectors.kafka.internal.KafkaClientProperties;
import io.nagare.connectors.kafka.internal.ProducerInternals;
import io.nagare.connectors.kafka.security.KafkaTokenAuth;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Writes a stream to Kafka, with the delivery guarantee of choice. Built like Flink's {@code
 * KafkaSink}, so a Flink job ports by changing its imports:
 *
 * <pre>{@code
 * stream.sinkTo(KafkaSink.<String>builder()
 *     .setBootstrapServers("broker:9092")
 *     .setRecordSerializer(KafkaRecordSerializationSchema.builder()
 *         .setTopic("words")
 *         .setValueSerializationSchema(new SimpleStringSchema())
 *         .build())
 *     .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 *     .setTransactionalIdPrefix("word-count")
 *     .build());
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>{@link DeliveryGuarantee#NONE}: records are sent as they come; a send that fails still
 *       fails the job.
 *   <li>{@link DeliveryGuarantee#AT_LEAST_ONCE}: every checkpoint barrier waits until Kafka has
 *       acknowledged every record sent before it; any failed send fails the job.
 *   <li>{@link DeliveryGuarantee#EXACTLY_ONCE}: one Kafka transaction per subtask and checkpoint,
 *       flushed at the barrier and committed when the checkpoint completes, so {@code
 *       read_committed} readers see each record once. Transactional ids are {@code
 *       <prefix>-<subtask>-<n>}, {@code n} below {@link KafkaSinkBuilder#setTransactionalIdPoolSize
 *       the pool size}; an id is reused once its transaction is committed (on clusters still on
 *       transactions V1, once a later checkpoint has completed too). After a restore, the
 *       transactions of the checkpoint are committed (also those of subtasks that no longer exist
 *       after a rescale) and every other transaction left open under the prefix is aborted.
 * </ul>
 *
 * <h2>Checked before the job runs</h2>
 *
 * {@link #checkSubmission} refuses exactly-once without checkpointing or without a prefix, two
 * sinks of one job with the same prefix, a {@code transaction.timeout.ms} above the brokers'
 * {@code transaction.max.timeout.ms} or below the checkpoint interval, a fixed topic that does not
 * exist on a cluster that does not create topics, and a cluster that does not answer within {@code
 * max.block.ms}.
 *
 * <p>Lifecycle: the sink is serialised with the job; on each subtask the runtime creates the
 * committer, commits restored transactions, then creates the writer, all on the subtask's thread
 * and on the same deserialised sink, through which the writer and committer of a subtask share
 * their producers.
 *
 * @param <IN> the type of the records
 */
public final class KafkaSink<IN> implements Sink<IN>, SupportsCommitter<KafkaCommittable>,
    SupportsWriterState<IN, KafkaWriterState>, SubmissionCheck {
  private static final long serialVersionUID = 1L;

  /** {@code transaction.timeout.ms} of exactly-once producers unless set: the brokers' default {@code transaction.max.timeout.ms}. */
  public static final long DEFAULT_TRANSACTION_TIMEOUT_MS = Duration.ofMinutes(15).toMillis();

  /**
   * {@code batch.size} unless set: 512 KiB instead of Kafka's 16 KiB. With 100-byte records Kafka's
   * default fills a batch every 160 records, and the broker then handles many small produce
   * requests; in W6 (docs/benchmarks.md) larger batches made the job about 1.5 times faster on a
   * machine shared with its broker. A batch takes memory only while records wait in it.
   */
  public static final int DEFAULT_BATCH_SIZE = 512 * 1024;

  /**
   * {@code linger.ms} of exactly-once producers unless set. Their records become visible only when
   * the checkpoint's transaction commits (seconds later), and each barrier flushes what waits, so
   * waiting up to 100 ms to fill a batch delays nothing a reader sees. The other guarantees keep
   * Kafka's default (5 ms), since their records are visible once written.
   */
  public static final long DEFAULT_EXACTLY_ONCE_LINGER_MS = 100;

  /** Transactional ids per subtask unless set: see {@link KafkaSinkBuilder#setTransactionalIdPoolSize}. */
  public static final int DEFAULT_TRANSACTIONAL_ID_POOL_SIZE = 5;

  private final Properties producerConfig;
  private final KafkaRecordSerializationSchema<IN> recordSerializer;
  private final DeliveryGuarantee deliveryGuarantee;
  private final String transactionalIdPrefix;
  private final int transactionalIdPoolSize;

  /** The pools of this deserialised sink's subtasks, shared by each subtask's writer and committer. */
  private transient Map<Integer, TransactionPool> pools;

  KafkaSink(Properties producerConfig, KafkaRecordSerializationSchema<IN> recordSerializer,
      DeliveryGuarantee deliveryGuarantee, String transactionalIdPrefix, int transactionalIdPoolSize) {
    this.producerConfig = producerConfig;
    this.recordSerializer = recordSerializer;
    this.deliveryGuarantee = deliveryGuarantee;
    this.transactionalIdPrefix = transactionalIdPrefix;
    this.transactionalIdPoolSize = transactionalIdPoolSize;
  }

  /** A builder of a sink for records of type {@code IN}. */
  public static <IN> KafkaSinkBuilder<IN> builder() {
    return new KafkaSinkBuilder<>();
  }

  public DeliveryGuarantee getDeliveryGuarantee() {
    return deliveryGuarantee;
  }

  /** The prefix of the transactional ids, or null. */
  public String getTransactionalIdPrefix() {
    return transactionalIdPrefix;
  }

  public int getTransactionalIdPoolSize() {
    return transactionalIdPoolSize;
  }

  /** A copy of the producer properties, with the defaults this sink adds. */
  public Properties getKafkaProducerConfig() {
    return KafkaClientProperties.copy(producerConfig);
  }

  @Override
  public StatefulSinkWriter<IN, KafkaWriterState> createWriter(WriterInitContext context) throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<IN, KafkaWriterState> restoreWriter(WriterInitContext context,
      Collection<KafkaWriterState> recoveredState) throws IOException {
    String servers = KafkaClientProperties.bootstrapServers(producerConfig);
    KafkaWriter<IN> writer;
    if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      ProducerInternals.verifySupported();
      if (transactionalIdPrefix == null) {
        throw new IllegalStateException("Kafka sink '" + context.getOperatorName() + "': EXACTLY_ONCE needs a transactional id prefix");
      }
      TransactionPool pool = acquirePool(context);
      TransactionalKafkaWriter<IN> w = new TransactionalKafkaWriter<>(context, recordSerializer, servers,
          transactionalIdPrefix, pool, () -> releasePool(context.getSubtaskId(), pool));
      try {
        w.start(recoveredState.stream()
            .map(KafkaWriterState::transactionalIdPrefix)
            .filter(p -> !p.isEmpty())
            .collect(Collectors.toSet()));
      } catch (RuntimeException e) {
        w.close();
        throw new IOException("Kafka sink '" + context.getOperatorName() + "' (subtask " + (context.getSubtaskId() + 1) + "/"
            + context.getNumberOfParallelSubtasks() + ") could not start: " + e.getMessage(), e);
      }
      writer = w;
    } else {
      writer = new NonTransactionalKafkaWriter<>(context, recordSerializer, producerConfig, servers, deliveryGuarantee);
    }
    try {
      writer.open();
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
    return writer;
  }

  @Override
  public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) {
    TransactionPool pool = acquirePool(context);
    long timeout = KafkaClientProperties.longValue(producerConfig, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        DEFAULT_TRANSACTION_TIMEOUT_MS);
    return new KafkaCommitter(pool, () -> releasePool(context.getSubtaskId(), pool),
        KafkaClientProperties.bootstrapServers(producerConfig), timeout,
        context.getSubtaskId(), context.getNumberOfParallelSubtasks());
  }

  @Override
  public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
    return new KafkaCommittableSerializer();
  }

  @Override
  public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
    return new KafkaWriterStateSerializer();
  }

  @Override
  public void checkSubmission(Context context) {
    new KafkaSinkSubmissionCheck(this, context).run();
  }

  KafkaRecordSerializationSchema<IN> recordSerializer() {
    return recordSerializer;
  }

  Properties producerConfig() {
    return producerConfig;
  }

  private synchronized TransactionPool acquirePool(CommitterInitContext context) {
    if (pools == null) {
      pools = new HashMap<>();
    }
    TransactionPool pool = pools.get(context.getSubtaskId());
    if (pool == null || pool.attempt() != context.getAttemptNumber()) {
      int size = deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE ? transactionalIdPoolSize : 0;
      pool = new TransactionPool(producerConfig, transactionalIdPrefix, size, context.getSubtaskId(),
          context.getNumberOfParallelSubtasks(), context.getAttemptNumber());
      pools.put(context.getSubtaskId(), pool);
    }
    pool.retain();
    return pool;
  }

  private synchronized void releasePool(int subtask, TransactionPool pool) {
    if (pool.release() && pools != null && pools.get(subtask) == pool) {
      pools.remove(subtask);
    }
  }

  /** Runs the checks of {@link #checkSubmission} for one sink. */
  private static final class KafkaSinkSubmissionCheck {
    private final KafkaSink<?> sink;
    private final Context context;

    KafkaSinkSubmissionCheck(KafkaSink<?> sink, Context context) {
      this.sink = sink;
      this.context = context;
    }

    void run() {
      boolean exactlyOnce = sink.deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE;
      long timeoutMs = KafkaClientProperties.longValue(sink.producerConfig, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
          DEFAULT_TRANSACTION_TIMEOUT_MS);
      if (exactlyOnce) {
        checkLocally(timeoutMs);
      }
      checkCluster(exactlyOnce, timeoutMs);
    }

    private void checkLocally(long timeoutMs) {
      String name = "Kafka sink '" + context.operatorName() + "'";
      if (sink.transactionalIdPrefix == null) {
        throw new IllegalArgumentException(name + ": EXACTLY_ONCE needs a transactional id prefix, unique per job and"
            + " sink: call setTransactionalIdPrefix(..) on KafkaSink.builder()");
      }
      Duration interval = context.jobConfiguration().get(CheckpointingOptions.INTERVAL);
      if (interval == null || interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException(name + ": EXACTLY_ONCE needs checkpointing (records become visible when a"
            + " checkpoint completes), but " + CheckpointingOptions.INTERVAL.key() + " is not set: set it (for example"
            + " 10 s), or use DeliveryGuarantee.AT_LEAST_ONCE");
      }
      if (timeoutMs < interval.toMillis()) {
        throw new IllegalArgumentException(name + ": transaction.timeout.ms (" + timeoutMs + " ms) is below the checkpoint"
            + " interval " + CheckpointingOptions.INTERVAL.key() + " (" + interval.toMillis() + " ms): a transaction stays"
            + " open for at least one interval, so Kafka would abort it. Raise transaction.timeout.ms well above the"
            + " interval");
      }
      ProducerInternals.verifySupported();
      context.claimExclusive("Kafka transactional id prefix", sink.transactionalIdPrefix);
    }

    private void checkCluster(boolean exactlyOnce, long timeoutMs) {
      String name = "Kafka sink '" + context.operatorName() + "'";
      String topic = sink.recordSerializer instanceof BuiltRecordSerializationSchema<?> built ? built.fixedTopic() : null;
      try (AdminCalls admin = AdminCalls.open(KafkaTokenAuth.forSubmissionCheck(
          sink.producerConfig, context.jobConfiguration()))) {
        Map<String, String> broker = admin.brokerConfig(List.of("transaction.max.timeout.ms", "auto.create.topics.enable"));
        if (exactlyOnce) {
          String max = broker.get("transaction.max.timeout.ms");
          if (max != null && timeoutMs > Long.parseLong(max)) {
            throw new IllegalArgumentException(name + ": transaction.timeout.ms (" + timeoutMs + " ms) is above the brokers'"
                + " transaction.max.timeout.ms (" + max + " ms), so Kafka would refuse every transaction. Lower"
                + " transaction.timeout.ms, or raise transaction.max.timeout.ms on the brokers");
          }
        }
        if (topic != null && !"true".equals(broker.get("auto.create.topics.enable")) && !admin.topicExists(topic)) {
          throw new IllegalArgumentException(name + ": the topic " + topic + " does not exist at " + admin.bootstrapServers()
              + ", and the brokers do not create topics (auto.create.topics.enable=false): create it first");
        }
      } catch (AdminCalls.KafkaUnavailableException | AdminCalls.KafkaRequestException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
    }
  }
}
