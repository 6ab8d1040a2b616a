package io.nagare.connectors.kafka.source;

import java.io.Serializable;
import java.util.Objects;
import java.util.Properties;

/**
 * What a Kafka source does with a record its deserializer throws on. Nothing is dropped silently:
 *
 * <ul>
 *   <li>{@link #fail()} (the default): the job fails with a {@link KafkaSourceException} naming the
 *       topic, partition and offset; a restart from a checkpoint meets the same record again.
 *   <li>{@link #skip()}: the record is left out, counted ({@code KafkaSourceReader.recordsSkipped})
 *       and logged at WARN with its topic, partition, offset and the error.
 *   <li>{@link #deadLetter(String)}: the record is written raw (key, value, headers, timestamp) to a
 *       topic on the source's cluster, with headers {@code nagare.error.source.topic}, {@code
 *       nagare.error.source.partition}, {@code nagare.error.source.offset}, {@code
 *       nagare.error.class} and {@code nagare.error.message}; the reader waits for the broker's
 *       acknowledgement before it goes on, so a checkpoint never passes a record that is not safely in
 *       the dead-letter topic (a failed write fails the job). Counted as {@code
 *       KafkaSourceReader.recordsDeadLettered}.
 * </ul>
 *
 * <p>Any exception the deserializer throws counts as malformed, not only {@code IOException}.
 * Records it emitted for the same Kafka record before throwing stay emitted. Also settable as
 * properties ({@link KafkaSourceOptions#MALFORMED_RECORD_POLICY}, {@link
 * KafkaSourceOptions#MALFORMED_RECORD_DEAD_LETTER_TOPIC}), e.g. {@code malformed.record.policy:
 * skip}.
 *
 * <pre>{@code
 * KafkaSource.<Order>builder()
 *     .setMalformedRecordPolicy(MalformedRecordPolicy.deadLetter("orders-dlq"))
 *     ...
 * }</pre>
 */
public final class MalformedRecordPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The three policies, as the property {@code malformed.record.policy} names them. */
  public enum Kind {
    FAIL,
    SKIP,
    DEAD_LETTER
  }

  private final Kind kind;
  private final String deadLetterTopic;

  private MalformedRecordPolicy(Kind kind, String deadLetterTopic) {
    this.kind = kind;
    this.deadLetterTopic = deadLetterTopic;
  }

  public static MalformedRecordPolicy fail() {
    return new MalformedRecordPolicy(Kind.FAIL, null);
  }

  public static MalformedRecordPolicy skip() {
    return new MalformedRecordPolicy(Kind.SKIP, null);
  }

  public static MalformedRecordPolicy deadLetter(String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("The dead-letter policy needs a topic name");
    }
    return new MalformedRecordPolicy(Kind.DEAD_LETTER, topic);
  }

  /** The policy the source properties set ({@code fail} when they set none). */
  public static MalformedRecordPolicy fromProperties(Properties properties) {
    Kind kind = KafkaSourceOptions.get(properties, KafkaSourceOptions.MALFORMED_RECORD_POLICY);
    String topic = KafkaSourceOptions.get(properties, KafkaSourceOptions.MALFORMED_RECORD_DEAD_LETTER_TOPIC);
    switch (kind) {
      case SKIP:
        return skip();
      case DEAD_LETTER:
        if (topic.isBlank()) {
          throw new IllegalArgumentException(KafkaSourceOptions.MALFORMED_RECORD_POLICY.key() + "=dead-letter needs "
              + KafkaSourceOptions.MALFORMED_RECORD_DEAD_LETTER_TOPIC.key());
        }
        return deadLetter(topic);
      default:
        return fail();
    }
  }

  /** Writes this policy into source properties. */
  void writeTo(Properties properties) {
    properties.setProperty(KafkaSourceOptions.MALFORMED_RECORD_POLICY.key(), kind.name().toLowerCase(
        java.util.Locale.ROOT).replace('_', '-'));
    if (deadLetterTopic == null) {
      properties.remove(KafkaSourceOptions.MALFORMED_RECORD_DEAD_LETTER_TOPIC.key());
    } else {
      properties.setProperty(KafkaSourceOptions.MALFORMED_RECORD_DEAD_LETTER_TOPIC.key(), deadLetterTopic);
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The dead-letter topic, or null for the other policies. */
  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MalformedRecordPolicy && ((MalformedRecordPolicy) o).kind == kind
        && Objects.equals(((MalformedRecordPolicy) o).deadLetterTopic, deadLetterTopic);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, deadLetterTopic);
  }

  @Override
  public String toString() {
    return kind == Kind.DEAD_LETTER ? "dead-letter to '" + deadLetterTopic + "'"
        : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
