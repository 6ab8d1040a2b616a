package io.nagare.connectors.kafka.sink;

import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.state.CheckpointListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What every {@link KafkaSink} writer does: serialise each record, send it with a callback,
 * count it, and fail on the subtask's thread for any send that failed.
 *
 * <p>Threads: every method runs on the subtask's thread, which owns the writer. The producer's
 * I/O thread only calls the send callback, which records the first failure in {@link #sendFailure}
 * and asks the mailbox to rethrow it, so the job fails soon even if no further record arrives.
 * Whichever comes first, the mail or the next {@code write}, {@code flush} or {@code
 * prepareCommit}, throws it.
 *
 * @param <IN> the type of the records
 */
abstract class KafkaWriter<IN> implements StatefulSinkWriter<IN, KafkaWriterState>,
    CommittingSinkWriter<IN, KafkaCommittable>, CheckpointListener {
  protected final String operatorName;
  protected final int subtask;
  protected final int parallelism;
  protected final String bootstrapServers;

  private final KafkaRecordSerializationSchema<IN> schema;
  private final Executor mailbox;
  private final Counter recordsSent;
  private final Counter bytesSent;
  private final AtomicLong sendErrors = new AtomicLong();
  private final AtomicReference<KafkaSinkException> sendFailure = new AtomicReference<>();
  private SinkContext sinkContext;

  KafkaWriter(WriterInitContext context, KafkaRecordSerializationSchema<IN> schema, String bootstrapServers) {
    this.operatorName = context.getOperatorName();
    this.subtask = context.getSubtaskId();
    this.parallelism = context.getNumberOfParallelSubtasks();
    this.bootstrapServers = bootstrapServers;
    this.schema = schema;
    this.mailbox = context.getMailboxExecutor();
    MetricGroup metrics = context.metricGroup();
    this.recordsSent = metrics.counter("numRecordsSend");
    this.bytesSent = metrics.counter("numBytesSend");
    metrics.gauge("numRecordsSendErrors", (Gauge<Long>) sendErrors::get);
  }

  /** Opens the schema; called once by the sink after the subclass is ready to serve metadata. */
  final void open() throws IOException {
    sinkContext = new SinkContext(subtask, parallelism, topic -> metadataProducer().partitionsFor(topic));
    try {
      schema.open(sinkContext);
    } catch (Exception e) {
      throw new IOException("Kafka sink '" + operatorName + "' could not open its record serialization schema: " + e.getMessage(), e);
    }
  }

  @Override
  public final void write(IN element, Context context) throws IOException, InterruptedException {
    throwSendFailure();
    ProducerRecord<byte[], byte[]> record = schema.serialize(element, sinkContext, context.timestamp());
    if (record == null) {
      return;
    }
    KafkaProducer<byte[], byte[]> producer = producerForRecord();
    String topic = record.topic();
    Callback callback = (metadata, exception) -> {
      if (exception != null) {
        onSendFailure(topic, exception);
      }
    };
    producer.send(record, callback);
    recordsSent.inc();
    bytesSent.inc((record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length));
  }

  @Override
  public List<KafkaWriterState> snapshotState(long checkpointId) throws IOException {
    return List.of();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {}

  /** Releases the producers; never throws. */
  @Override
  public abstract void close();

  /** The producer the next record goes to (beginning a transaction if needed). */
  protected abstract KafkaProducer<byte[], byte[]> producerForRecord() throws IOException;

  /** A producer to ask for topic metadata. */
  protected abstract KafkaProducer<byte[], byte[]> metadataProducer();

  /** Throws the first send failure, if any. */
  protected final void throwSendFailure() {
    KafkaSinkException failure = sendFailure.get();
    if (failure != null) {
      throw failure;
    }
  }

  private void onSendFailure(String topic, Exception exception) {
    sendErrors.incrementAndGet();
    String hint = exception instanceof TimeoutException
        ? " (does the topic exist? Kafka at " + bootstrapServers + " does not create topics when auto.create.topics.enable is off; or the brokers are unreachable)"
        : "";
    KafkaSinkException failure = new KafkaSinkException("Kafka sink '" + operatorName + "' (subtask " + (subtask + 1) + "/"
        + parallelism + ") could not write a record to topic " + topic + ": " + exception.getMessage() + hint, exception);
    if (sendFailure.compareAndSet(null, failure)) {
      try {
        mailbox.execute(() -> {
          throw failure;
        });
      } catch (RuntimeException closed) {
        // The subtask is ending already; the next call on its thread, if any, throws the failure.
      }
    }
  }
}
