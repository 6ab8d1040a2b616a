package io.nagare.connectors.kafka.source;

import io.nagare.api.configuration.ConfigOption;
import io.nagare.api.configuration.Configuration;
import java.util.List;
import java.util.Properties;

/**
 * The nagare settings of a Kafka source, given as source properties ({@code setProperty(key,
 * value)} or {@code setProperties}) next to the Kafka client's own. Keys are Flink's where Flink has
 * the setting. These keys are not passed on to the Kafka clients; every other property is (to the
 * consumer as it is, to the admin and dead-letter clients where it is one of theirs).
 *
 * <pre>{@code
 * KafkaSource.<String>builder()
 *     .setProperty(KafkaSourceOptions.PARTITION_DISCOVERY_INTERVAL_MS.key(), "60000")
 *     ...
 * }</pre>
 */
public final class KafkaSourceOptions {
  private KafkaSourceOptions() {}

  public static final ConfigOption<Long> PARTITION_DISCOVERY_INTERVAL_MS =
      ConfigOption.key("partition.discovery.interval.ms").longType().defaultValue(300_000L)
          .withDescription("How often an unbounded source looks for new partitions and, with a topic pattern, new"
              + " topics; 0 or less: never after the first time. Bounded sources discover once.");

  public static final ConfigOption<String> CLIENT_ID_PREFIX = ConfigOption.key("client.id.prefix").stringType()
      .defaultValue("")
      .withDescription("Prefix of the Kafka clients' client.id (<prefix>-<subtask>, <prefix>-enumerator); empty:"
          + " the group id (or 'nagare-kafka-source') and a random number chosen when the source is built.");

  public static final ConfigOption<Boolean> COMMIT_OFFSETS_ON_CHECKPOINT =
      ConfigOption.key("commit.offsets.on.checkpoint").booleanType().defaultValue(true)
          .withDescription("Commit the offsets of each completed checkpoint to the consumer group (needs a group"
              + " id). Only for monitoring; recovery uses the checkpoint.");

  public static final ConfigOption<MalformedRecordPolicy.Kind> MALFORMED_RECORD_POLICY =
      ConfigOption.key("malformed.record.policy").enumType(MalformedRecordPolicy.Kind.class)
          .defaultValue(MalformedRecordPolicy.Kind.FAIL)
          .withDescription("What a record that fails to deserialise does: fail (the job, naming topic, partition"
              + " and offset), skip (counted and logged), or dead-letter (written raw, with the error, to"
              + " malformed.record.dead-letter.topic).");

  public static final ConfigOption<String> MALFORMED_RECORD_DEAD_LETTER_TOPIC =
      ConfigOption.key("malformed.record.dead-letter.topic").stringType().defaultValue("")
          .withDescription("The topic, on the source's cluster, that malformed records go to under the"
              + " dead-letter policy.");

  /** Every option declared here. */
  public static final List<ConfigOption<?>> ALL = List.of(PARTITION_DISCOVERY_INTERVAL_MS, CLIENT_ID_PREFIX,
      COMMIT_OFFSETS_ON_CHECKPOINT, MALFORMED_RECORD_POLICY, MALFORMED_RECORD_DEAD_LETTER_TOPIC);

  /** The value of {@code option} in {@code properties}, or its default. */
  public static <T> T get(Properties properties, ConfigOption<T> option) {
    String raw = properties.getProperty(option.key());
    return raw == null ? option.defaultValue() : Configuration.convert(option, raw);
  }

  /** True if {@code key} is one of these options (and so not for the Kafka clients). */
  public static boolean isNagareKey(String key) {
    for (ConfigOption<?> option : ALL) {
      if (option.key().equals(key)) {
        return true;
      }
    }
    return false;
  }
}
