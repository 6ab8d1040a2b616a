package io.nagare.connectors.kafka.sink;

import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.connectors.kafka.security.KafkaTokenAuth;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The writer of {@link DeliveryGuarantee#NONE} and {@link DeliveryGuarantee#AT_LEAST_ONCE}: one
 * producer per subtask. At least once flushes the producer at every checkpoint barrier, so the
 * checkpoint completes only once Kafka has acknowledged every record before it; none flushes only
 * at the end of the input.
 */
final class NonTransactionalKafkaWriter<IN> extends KafkaWriter<IN> {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final boolean flushAtCheckpoints;
  private final KafkaProducer<byte[], byte[]> producer;

  NonTransactionalKafkaWriter(WriterInitContext context, KafkaRecordSerializationSchema<IN> schema,
      Properties producerConfig, String bootstrapServers, DeliveryGuarantee guarantee) {
    super(context, schema, bootstrapServers);
    this.flushAtCheckpoints = guarantee == DeliveryGuarantee.AT_LEAST_ONCE;
    Properties props = new Properties();
    props.putAll(producerConfig);
    KafkaTokenAuth.apply(props);
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  protected KafkaProducer<byte[], byte[]> producerForRecord() {
    return producer;
  }

  @Override
  protected KafkaProducer<byte[], byte[]> metadataProducer() {
    return producer;
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    if (flushAtCheckpoints || endOfInput) {
      producer.flush();
    }
    throwSendFailure();
  }

  @Override
  public Collection<KafkaCommittable> prepareCommit() throws IOException {
    throwSendFailure();
    return List.of();
  }

  @Override
  public void close() {
    producer.close(CLOSE_TIMEOUT);
  }
}
