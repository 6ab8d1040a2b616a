package io.nagare.connectors.kafka.source.reader;

import io.nagare.connectors.kafka.security.KafkaTokenAuth;
import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.MalformedRecordPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a reader's {@link MalformedRecordPolicy} to a record its deserializer threw on. Subtask
 * thread only; owns the dead-letter producer, created on the first malformed record.
 */
final class MalformedRecords implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MalformedRecords.class);

  static final String HEADER_TOPIC = "nagare.error.source.topic";
  static final String HEADER_PARTITION = "nagare.error.source.partition";
  static final String HEADER_OFFSET = "nagare.error.source.offset";
  static final String HEADER_CLASS = "nagare.error.class";
  static final String HEADER_MESSAGE = "nagare.error.message";

  private final MalformedRecordPolicy policy;
  private final Properties producerProperties;
  private final String bootstrapServers;
  private final KafkaSourceReaderMetrics metrics;
  private Producer<byte[], byte[]> producer;

  /** @param producerProperties the dead-letter producer's configuration (used only by that policy) */
  MalformedRecords(MalformedRecordPolicy policy, Properties producerProperties, String bootstrapServers,
      KafkaSourceReaderMetrics metrics) {
    this.policy = policy;
    this.producerProperties = producerProperties;
    this.bootstrapServers = bootstrapServers;
    this.metrics = metrics;
  }

  /** Fails, skips or dead-letters {@code record}, which {@code error} kept from being deserialised. */
  void handle(ConsumerRecord<byte[], byte[]> record, Exception error) {
    switch (policy.kind()) {
      case SKIP:
        metrics.recordsSkipped.inc();
        LOG.warn("Kafka source skipped the malformed record of topic '{}', partition {}, offset {}: {}", record.topic(),
            record.partition(), record.offset(), error.toString());
        return;
      case DEAD_LETTER:
        deadLetter(record, error);
        metrics.recordsDeadLettered.inc();
        LOG.warn("Kafka source sent the malformed record of topic '{}', partition {}, offset {} to dead-letter topic"
            + " '{}': {}", record.topic(), record.partition(), record.offset(), policy.deadLetterTopic(),
            error.toString());
        return;
      default:
        throw new KafkaSourceException("Kafka source could not deserialize the record of topic '" + record.topic()
            + "', partition " + record.partition() + ", offset " + record.offset() + ": " + error
            + " (malformed.record.policy is fail; skip or dead-letter would let the job go on)", error);
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : record.headers()) {
      headers.add(h);
    }
    headers.add(HEADER_TOPIC, bytes(record.topic()));
    headers.add(HEADER_PARTITION, bytes(String.valueOf(record.partition())));
    headers.add(HEADER_OFFSET, bytes(String.valueOf(record.offset())));
    headers.add(HEADER_CLASS, bytes(error.getClass().getName()));
    headers.add(HEADER_MESSAGE, bytes(String.valueOf(error.getMessage())));
    Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(policy.deadLetterTopic(), null, timestamp, record.key(),
        record.value(), headers);
    try {
      producer().send(out).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(record, e);
    } catch (ExecutionException e) {
      throw failure(record, e.getCause());
    } catch (KafkaException e) {
      throw failure(record, e);
    }
  }

  private KafkaSourceException failure(ConsumerRecord<byte[], byte[]> record, Throwable cause) {
    return new KafkaSourceException("Kafka source could not write the malformed record of topic '" + record.topic()
        + "', partition " + record.partition() + ", offset " + record.offset() + " to dead-letter topic '"
        + policy.deadLetterTopic() + "' at bootstrap servers '" + bootstrapServers + "': " + cause, cause);
  }

  private Producer<byte[], byte[]> producer() {
    if (producer == null) {
      java.util.Properties props = new java.util.Properties();
      props.putAll(producerProperties);
      KafkaTokenAuth.apply(props);
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
