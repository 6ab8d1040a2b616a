package io.nagare.connectors.kafka.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes test records with chosen partitions, timestamps, keys and headers, and waits for their acknowledgements. */
public final class TestProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

  public TestProducer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends a record with a UTF-8 value (and key, may be null) at {@code timestamp} (null: now). */
  public TestProducer send(String topic, int partition, Long timestamp, String key, String value) {
    return send(topic, partition, timestamp, key, value, new RecordHeaders());
  }

  public TestProducer send(String topic, int partition, Long timestamp, String key, String value, RecordHeaders headers) {
    unacknowledged.add(producer.send(new ProducerRecord<>(topic, partition, timestamp, bytes(key), bytes(value),
        headers)));
    return this;
  }

  /** Sends {@code values} to one partition, in order, stamped now. */
  public TestProducer sendAll(String topic, int partition, List<String> values) {
    for (String v : values) {
      send(topic, partition, null, null, v);
    }
    return this;
  }

  /** Waits until every record sent so far is acknowledged. */
  public void flush() throws ExecutionException, InterruptedException {
    for (Future<RecordMetadata> f : unacknowledged) {
      f.get();
    }
    unacknowledged.clear();
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
