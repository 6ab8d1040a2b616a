package io.nagare.connectors.kafka.sink;

import io.nagare.connectors.kafka.internal.KafkaClientProperties;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds a {@link KafkaSink}. Required: bootstrap servers and a record serializer. The delivery
 * guarantee is {@link DeliveryGuarantee#NONE} unless set; {@link DeliveryGuarantee#EXACTLY_ONCE}
 * also needs a transactional id prefix and checkpointing (checked when the job is submitted).
 * Producer settings the job leaves unset take Kafka's defaults, except {@code batch.size} ({@link
 * KafkaSink#DEFAULT_BATCH_SIZE}) and, for exactly once, {@code linger.ms} ({@link
 * KafkaSink#DEFAULT_EXACTLY_ONCE_LINGER_MS}) and {@code transaction.timeout.ms} ({@link
 * KafkaSink#DEFAULT_TRANSACTION_TIMEOUT_MS}).
 *
 * <pre>{@code
 * KafkaSink<String> sink = KafkaSink.<String>builder()
 *     .setBootstrapServers("broker:9092")
 *     .setRecordSerializer(KafkaRecordSerializationSchema.builder()
 *         .setTopic("words").setValueSerializationSchema(new SimpleStringSchema()).build())
 *     .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
 *     .setProperty("linger.ms", "20")
 *     .build();
 * }</pre>
 *
 * @param <IN> the type of the records
 */
public final class KafkaSinkBuilder<IN> {
  private final Properties producerConfig = new Properties();
  private KafkaRecordSerializationSchema<IN> recordSerializer;
  private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.NONE;
  private String transactionalIdPrefix;
  private int transactionalIdPoolSize = KafkaSink.DEFAULT_TRANSACTIONAL_ID_POOL_SIZE;

  KafkaSinkBuilder() {}

  /** The brokers to start from, {@code host:port[,host:port...]}. */
  public KafkaSinkBuilder<IN> setBootstrapServers(String bootstrapServers) {
    return setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }

  /** How records become Kafka records (topic, key, value, partition). */
  public KafkaSinkBuilder<IN> setRecordSerializer(KafkaRecordSerializationSchema<IN> recordSerializer) {
    this.recordSerializer = Objects.requireNonNull(recordSerializer, "recordSerializer");
    return this;
  }

  /** NONE (the default), AT_LEAST_ONCE or EXACTLY_ONCE. */
  public KafkaSinkBuilder<IN> setDeliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
    this.deliveryGuarantee = Objects.requireNonNull(deliveryGuarantee, "deliveryGuarantee");
    return this;
  }

  /**
   * The prefix of the sink's transactional ids ({@code <prefix>-<subtask>-<n>}), needed by
   * EXACTLY_ONCE. It must be unique among the jobs and sinks writing to one Kafka cluster, and stay
   * the same across restarts of a job: a restored job finds and aborts what its earlier run left
   * open by it.
   */
  public KafkaSinkBuilder<IN> setTransactionalIdPrefix(String transactionalIdPrefix) {
    if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
      throw new IllegalArgumentException("The transactional id prefix must not be empty");
    }
    this.transactionalIdPrefix = transactionalIdPrefix;
    return this;
  }

  /**
   * How many transactional ids (and at most how many producers) each subtask uses, default {@value
   * KafkaSink#DEFAULT_TRANSACTIONAL_ID_POOL_SIZE}. A steady job needs two: the open transaction
   * and the one pre-committed at the last barrier, whose id is free again once the checkpoint
   * completes and it is committed (on clusters still on transactions V1 a committed id waits for
   * one more checkpoint, so three). Each checkpoint that fails or completes late holds one more id
   * until a later checkpoint completes; when all are held, the job fails saying so. Five tolerate
   * three such checkpoints in a row while keeping the producers (and transactional ids on the
   * brokers) of a subtask few; producers are created only when an id is first used.
   */
  public KafkaSinkBuilder<IN> setTransactionalIdPoolSize(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("The transactional id pool size must be at least 1, not " + poolSize);
    }
    this.transactionalIdPoolSize = poolSize;
    return this;
  }

  /** Producer settings (copied); {@code transactional.id} is refused, the sink sets it. */
  public KafkaSinkBuilder<IN> setKafkaProducerConfig(Properties properties) {
    KafkaClientProperties.copy(properties).forEach((k, v) -> setProperty((String) k, (String) v));
    return this;
  }

  /** One producer setting. */
  public KafkaSinkBuilder<IN> setProperty(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
      throw new IllegalArgumentException("Do not set transactional.id: the Kafka sink manages its transactional ids;"
          + " set a prefix with setTransactionalIdPrefix(..) and use DeliveryGuarantee.EXACTLY_ONCE");
    }
    producerConfig.setProperty(key, value);
    return this;
  }

  /** The sink; fails naming what is missing. */
  public KafkaSink<IN> build() {
    KafkaClientProperties.bootstrapServers(producerConfig);
    if (recordSerializer == null) {
      throw new IllegalStateException("No record serializer: call setRecordSerializer(..)");
    }
    Properties config = KafkaClientProperties.copy(producerConfig);
    config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(KafkaSink.DEFAULT_BATCH_SIZE));
    if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(KafkaSink.DEFAULT_TRANSACTION_TIMEOUT_MS));
      config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, Long.toString(KafkaSink.DEFAULT_EXACTLY_ONCE_LINGER_MS));
    }
    return new KafkaSink<>(config, recordSerializer, deliveryGuarantee, transactionalIdPrefix, transactionalIdPoolSize);
  }
}
