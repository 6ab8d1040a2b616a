package io.nagare.connectors.kafka.source;

import io.nagare.api.serialization.DeserializationSchema;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializerValidator;
import io.nagare.connectors.kafka.source.enumerator.subscriber.KafkaSubscriber;
import io.nagare.connectors.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link KafkaSource}, as Flink's {@code KafkaSourceBuilder} does. Required: bootstrap
 * servers, what to read (topics, a topic pattern or partitions) and a deserializer. Defaults:
 * start at the earliest offsets, read without end, no consumer group (so no committed offsets).
 * Not thread-safe; {@link #build()} checks the settings and fails naming what is wrong.
 *
 * <pre>{@code
 * KafkaSource<String> source = KafkaSource.<String>builder()
 *     .setBootstrapServers("broker:9092")
 *     .setTopicPattern(Pattern.compile("orders-.*"))
 *     .setGroupId("orders-job")
 *     .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
 *     .setValueOnlyDeserializer(new SimpleStringSchema())
 *     .setProperty("partition.discovery.interval.ms", "60000")
 *     .build();
 * }</pre>
 *
 * @param <T> the stream's record type
 */
public final class KafkaSourceBuilder<T> {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceBuilder.class);

  private KafkaSubscriber subscriber;
  private String subscribedWith;
  private OffsetsInitializer startingOffsets = OffsetsInitializer.earliest();
  private OffsetsInitializer stoppingOffsets;
  private KafkaRecordDeserializationSchema<T> deserializer;
  private final Properties properties = new Properties();

  KafkaSourceBuilder() {}

  /** {@code host:port[,host:port...]} of the cluster; the {@code bootstrap.servers} property. */
  public KafkaSourceBuilder<T> setBootstrapServers(String bootstrapServers) {
    return setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }

  /** The consumer group: where committed offsets are read ({@code committedOffsets}) and written after checkpoints. */
  public KafkaSourceBuilder<T> setGroupId(String groupId) {
    return setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
  }

  /** Reads every partition of these topics (a missing topic fails the job). */
  public KafkaSourceBuilder<T> setTopics(String... topics) {
    return setTopics(Arrays.asList(topics));
  }

  /** Reads every partition of these topics (a missing topic fails the job). */
  public KafkaSourceBuilder<T> setTopics(List<String> topics) {
    return subscribe(KafkaSubscriber.topics(topics), "setTopics");
  }

  /** Reads every topic whose whole name matches {@code pattern}, including topics created while the job runs. */
  public KafkaSourceBuilder<T> setTopicPattern(Pattern topicPattern) {
    return subscribe(KafkaSubscriber.pattern(topicPattern), "setTopicPattern");
  }

  /** Reads exactly these partitions. */
  public KafkaSourceBuilder<T> setPartitions(Set<TopicPartition> partitions) {
    return subscribe(KafkaSubscriber.partitions(partitions), "setPartitions");
  }

  private KafkaSourceBuilder<T> subscribe(KafkaSubscriber s, String method) {
    if (subscriber != null && !method.equals(subscribedWith)) {
      throw new IllegalStateException("Kafka source: " + method + " cannot be combined with " + subscribedWith
          + "; use one way to say what to read");
    }
    subscriber = s;
    subscribedWith = method;
    return this;
  }

  /** Where each partition starts on a fresh start (a restored job resumes from its checkpoint). Default: earliest. */
  public KafkaSourceBuilder<T> setStartingOffsets(OffsetsInitializer startingOffsetsInitializer) {
    this.startingOffsets = Objects.requireNonNull(startingOffsetsInitializer, "startingOffsetsInitializer");
    return this;
  }

  /**
   * Makes the source bounded: each partition is read up to the offset {@code stoppingOffsetsInitializer}
   * gives it when the job starts (e.g. {@link OffsetsInitializer#latest()}), and the job ends when all
   * are read. Partitions are discovered once.
   */
  public KafkaSourceBuilder<T> setBounded(OffsetsInitializer stoppingOffsetsInitializer) {
    this.stoppingOffsets = Objects.requireNonNull(stoppingOffsetsInitializer, "stoppingOffsetsInitializer");
    return this;
  }

  /** Turns whole Kafka records into the stream's records. */
  public KafkaSourceBuilder<T> setDeserializer(KafkaRecordDeserializationSchema<T> recordDeserializer) {
    this.deserializer = Objects.requireNonNull(recordDeserializer, "recordDeserializer");
    return this;
  }

  /** Turns each record's value into a stream record; keys and headers are ignored. */
  public KafkaSourceBuilder<T> setValueOnlyDeserializer(DeserializationSchema<T> valueDeserializer) {
    return setDeserializer(KafkaRecordDeserializationSchema.valueOnly(valueDeserializer));
  }

  /** What a record that fails to deserialise does (default: fails the job). */
  public KafkaSourceBuilder<T> setMalformedRecordPolicy(MalformedRecordPolicy policy) {
    Objects.requireNonNull(policy, "policy").writeTo(properties);
    return this;
  }

  /** The prefix of the Kafka clients' {@code client.id}s. */
  public KafkaSourceBuilder<T> setClientIdPrefix(String prefix) {
    return setProperty(KafkaSourceOptions.CLIENT_ID_PREFIX.key(), prefix);
  }

  /** One property: a Kafka client setting or one of {@link KafkaSourceOptions}. */
  public KafkaSourceBuilder<T> setProperty(String key, String value) {
    properties.setProperty(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
    return this;
  }

  /**
   * Every property in {@code props}, values turned into strings (so {@code props.put("max.poll.records",
   * 100)} counts): Kafka client settings and {@link KafkaSourceOptions}.
   */
  public KafkaSourceBuilder<T> setProperties(Properties props) {
    for (String key : props.stringPropertyNames()) {
      setProperty(key, props.getProperty(key));
    }
    props.forEach((k, v) -> setProperty(String.valueOf(k), String.valueOf(v)));
    return this;
  }

  /** Checks the settings and builds the source. */
  public KafkaSource<T> build() {
    String servers = properties.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (servers == null || servers.isBlank()) {
      throw new IllegalStateException("Kafka source: no bootstrap servers: setBootstrapServers(\"host:port\")");
    }
    if (subscriber == null) {
      throw new IllegalStateException("Kafka source: nothing to read: setTopics(...), setTopicPattern(...) or"
          + " setPartitions(...)");
    }
    if (deserializer == null) {
      throw new IllegalStateException("Kafka source: no deserializer: setValueOnlyDeserializer(...) or"
          + " setDeserializer(...)");
    }
    Properties props = new Properties();
    props.putAll(properties);
    for (OffsetsInitializer initializer : new OffsetsInitializer[] {startingOffsets, stoppingOffsets}) {
      if (initializer instanceof OffsetsInitializerValidator) {
        ((OffsetsInitializerValidator) initializer).validate(props);
      }
    }
    for (var option : KafkaSourceOptions.ALL) {
      KafkaSourceOptions.get(props, option);
    }
    MalformedRecordPolicy.fromProperties(props);
    if ("true".equalsIgnoreCase(props.getProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG))) {
      LOG.warn("Kafka source: enable.auto.commit=true is ignored; offsets are committed after checkpoints"
          + " (commit.offsets.on.checkpoint)");
    }
    if (KafkaSourceOptions.get(props, KafkaSourceOptions.CLIENT_ID_PREFIX).isEmpty()) {
      String group = props.getProperty(ConsumerConfig.GROUP_ID_CONFIG, "nagare-kafka-source");
      props.setProperty(KafkaSourceOptions.CLIENT_ID_PREFIX.key(),
          group + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    }
    return new KafkaSource<>(subscriber, startingOffsets, stoppingOffsets, deserializer, props);
  }
}
