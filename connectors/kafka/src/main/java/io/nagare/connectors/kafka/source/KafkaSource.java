package io.nagare.connectors.kafka.source;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.api.typeinfo.ResultTypeQueryable;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.connectors.kafka.source.enumerator.AdminMetadataClient;
import io.nagare.connectors.kafka.source.enumerator.KafkaSourceEnumState;
import io.nagare.connectors.kafka.source.enumerator.KafkaSourceEnumStateSerializer;
import io.nagare.connectors.kafka.source.enumerator.KafkaSourceEnumerator;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.source.enumerator.subscriber.KafkaSubscriber;
import io.nagare.connectors.kafka.source.reader.KafkaSourceReader;
import io.nagare.connectors.kafka.source.reader.ReaderSettings;
import io.nagare.connectors.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplitSerializer;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * Reads Kafka topics into a stream, with Flink's {@code KafkaSource} API, so a Flink job ports by
 * changing its imports ({@code org.apache.flink.connector.kafka.source} becomes {@code
 * io.nagare.connectors.kafka.source}).
 *
 * <pre>{@code
 * KafkaSource<String> source = KafkaSource.<String>builder()
 *     .setBootstrapServers("broker:9092")
 *     .setTopics("orders")
 *     .setGroupId("order-totals")
 *     .setStartingOffsets(OffsetsInitializer.earliest())
 *     .setValueOnlyDeserializer(new SimpleStringSchema())
 *     .build();
 * env.fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), "orders");
 * }</pre>
 *
 * <p>Each partition is one split, read by one subtask (the same subtask each time the job starts
 * fresh at the same parallelism). The split enumerator, on the job manager, lists the partitions and
 * resolves their offsets with an admin client; each reader has a fetcher thread with a consumer that
 * is {@code assign}ed its partitions. Offsets are part of every checkpoint and a restored job
 * resumes exactly after the records the checkpoint covers, also at another parallelism; committed
 * group offsets are written after each checkpoint for monitoring only. With {@code setBounded} the
 * job ends once every partition reaches its stopping offset.
 *
 * <p>Settings are described in {@code docs/kafka.md}, and the nagare-specific properties in {@link
 * KafkaSourceOptions}. An instance is immutable and serialised with the job.
 *
 * @param <T> the stream's record type
 */
public final class KafkaSource<T> implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>,
    ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;
  static final long DEFAULT_API_TIMEOUT_MILLIS = 60_000;

  private final KafkaSubscriber subscriber;
  private final OffsetsInitializer startingOffsets;
  private final OffsetsInitializer stoppingOffsets;
  private final KafkaRecordDeserializationSchema<T> deserializer;
  private final Properties properties;

  KafkaSource(KafkaSubscriber subscriber, OffsetsInitializer startingOffsets, OffsetsInitializer stoppingOffsets,
      KafkaRecordDeserializationSchema<T> deserializer, Properties properties) {
    this.subscriber = subscriber;
    this.startingOffsets = startingOffsets;
    this.stoppingOffsets = stoppingOffsets;
    this.deserializer = deserializer;
    this.properties = properties;
  }

  /** A builder for a source of {@code T}: {@code KafkaSource.<String>builder()}. */
  public static <T> KafkaSourceBuilder<T> builder() {
    return new KafkaSourceBuilder<>();
  }

  @Override
  public Boundedness getBoundedness() {
    return stoppingOffsets == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  /** The type of the records, from the deserializer. */
  @Override
  public TypeInformation<T> getProducedType() {
    return deserializer.getProducedType();
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context) {
    return restoreEnumerator(context, null);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint) {
    long discovery = stoppingOffsets != null ? 0
        : KafkaSourceOptions.get(properties, KafkaSourceOptions.PARTITION_DISCOVERY_INTERVAL_MS);
    Properties admin = adminProperties();
    IsolationLevel isolation = isolationLevel();
    String groupId = groupId();
    return new KafkaSourceEnumerator(context, startingOffsets, stoppingOffsets, discovery,
        () -> new AdminMetadataClient(admin, subscriber, groupId, isolation), checkpoint, description());
  }

  @Override
  public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context) {
    return new KafkaSourceReader<>(context, deserializer, readerSettings());
  }

  @Override
  public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
    return new KafkaPartitionSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
    return new KafkaSourceEnumStateSerializer();
  }

  /** A copy of the source's properties (Kafka's and {@link KafkaSourceOptions}'). */
  public Properties getProperties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  ReaderSettings readerSettings() {
    return new ReaderSettings(consumerProperties(), bootstrapServers(), groupId(), clientIdPrefix(),
        KafkaSourceOptions.get(properties, KafkaSourceOptions.COMMIT_OFFSETS_ON_CHECKPOINT),
        Duration.ofMillis(apiTimeoutMillis()), MalformedRecordPolicy.fromProperties(properties), producerProperties());
  }

  private String bootstrapServers() {
    return properties.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  private String groupId() {
    String groupId = properties.getProperty(ConsumerConfig.GROUP_ID_CONFIG);
    return groupId == null || groupId.isBlank() ? null : groupId;
  }

  private String clientIdPrefix() {
    return KafkaSourceOptions.get(properties, KafkaSourceOptions.CLIENT_ID_PREFIX);
  }

  private long apiTimeoutMillis() {
    String raw = properties.getProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    return raw == null ? DEFAULT_API_TIMEOUT_MILLIS : Long.parseLong(raw.trim());
  }

  private IsolationLevel isolationLevel() {
    String raw = properties.getProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
    return raw == null ? IsolationLevel.READ_UNCOMMITTED : IsolationLevel.valueOf(raw.trim().toUpperCase(Locale.ROOT));
  }

  private String description() {
    return subscriber + " at bootstrap servers '" + bootstrapServers() + "'";
  }

  /** Every property but nagare's own, with auto-commit off and the offset reset of the starting offsets. */
  private Properties consumerProperties() {
    Properties props = new Properties();
    properties.forEach((k, v) -> {
      if (!KafkaSourceOptions.isNagareKey((String) k)) {
        props.put(k, v);
      }
    });
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        startingOffsets.getAutoOffsetResetStrategy().consumerValue());
    props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(apiTimeoutMillis()));
    return props;
  }

  /** The admin client's share of the properties. */
  private Properties adminProperties() {
    Properties props = only(AdminClientConfig.configNames());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdPrefix() + "-enumerator");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(apiTimeoutMillis()));
    return props;
  }

  /** The dead-letter producer's share of the properties; it waits at most the API timeout for metadata. */
  private Properties producerProperties() {
    Properties props = only(ProducerConfig.configNames());
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(apiTimeoutMillis()));
    return props;
  }

  private Properties only(Set<String> names) {
    Properties props = new Properties();
    properties.forEach((k, v) -> {
      if (names.contains((String) k)) {
        props.put(k, v);
      }
    });
    return props;
  }

  @Override
  public String toString() {
    return "KafkaSource{" + description() + ", starting " + startingOffsets
        + (stoppingOffsets == null ? "" : ", stopping " + stoppingOffsets) + "}";
  }
}
