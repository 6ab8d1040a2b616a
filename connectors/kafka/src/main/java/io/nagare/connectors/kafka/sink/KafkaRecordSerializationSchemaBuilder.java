package io.nagare.connectors.kafka.sink;

import io.nagare.api.serialization.SerializationSchema;
import java.util.Objects;

/**
 * Builds the usual {@link KafkaRecordSerializationSchema}: one topic ({@link #setTopic}) or a topic
 * per record ({@link #setTopicSelector}), a value schema, optionally a key schema and a {@link
 * KafkaPartitioner}. The record's timestamp becomes the Kafka record's timestamp; records without
 * one get the producer's clock.
 *
 * <pre>{@code
 * KafkaRecordSerializationSchema<Order> schema = KafkaRecordSerializationSchema.builder()
 *     .setTopic("orders")
 *     .setKeySerializationSchema((Order o) -> o.id().getBytes(UTF_8))
 *     .setValueSerializationSchema(new OrderJson())
 *     .build();
 * }</pre>
 *
 * <p>The setters of schemas narrow the builder's type to the schema's record type, so {@code
 * builder()} needs no type argument.
 *
 * @param <IN> the type of the records
 */
public final class KafkaRecordSerializationSchemaBuilder<IN> {
  private String topic;
  private TopicSelector<? super IN> topicSelector;
  private SerializationSchema<? super IN> keySchema;
  private SerializationSchema<? super IN> valueSchema;
  private KafkaPartitioner<? super IN> partitioner;

  KafkaRecordSerializationSchemaBuilder() {}

  /** Every record goes to {@code topic}. */
  public KafkaRecordSerializationSchemaBuilder<IN> setTopic(String topic) {
    if (topicSelector != null) {
      throw new IllegalStateException("A topic selector is set already: set either a topic or a topic selector");
    }
    this.topic = requireNonBlank(topic, "topic");
    return this;
  }

  /** Each record goes to the topic {@code selector} names for it. */
  public <T extends IN> KafkaRecordSerializationSchemaBuilder<T> setTopicSelector(TopicSelector<? super T> selector) {
    if (topic != null) {
      throw new IllegalStateException("The topic " + topic + " is set already: set either a topic or a topic selector");
    }
    KafkaRecordSerializationSchemaBuilder<T> self = self();
    self.topicSelector = Objects.requireNonNull(selector, "selector");
    return self;
  }

  /** The key of each record; without a key schema records have no key. */
  public <T extends IN> KafkaRecordSerializationSchemaBuilder<T> setKeySerializationSchema(SerializationSchema<? super T> schema) {
    KafkaRecordSerializationSchemaBuilder<T> self = self();
    self.keySchema = Objects.requireNonNull(schema, "schema");
    return self;
  }

  /** The value of each record (required). */
  public <T extends IN> KafkaRecordSerializationSchemaBuilder<T> setValueSerializationSchema(SerializationSchema<? super T> schema) {
    KafkaRecordSerializationSchemaBuilder<T> self = self();
    self.valueSchema = Objects.requireNonNull(schema, "schema");
    return self;
  }

  /** The partition of each record; without one, Kafka's partitioner chooses. */
  public <T extends IN> KafkaRecordSerializationSchemaBuilder<T> setPartitioner(KafkaPartitioner<? super T> partitioner) {
    KafkaRecordSerializationSchemaBuilder<T> self = self();
    self.partitioner = Objects.requireNonNull(partitioner, "partitioner");
    return self;
  }

  /** The schema; fails naming what is missing. */
  public KafkaRecordSerializationSchema<IN> build() {
    if (topic == null && topicSelector == null) {
      throw new IllegalStateException("No topic: call setTopic(..) or setTopicSelector(..)");
    }
    if (valueSchema == null) {
      throw new IllegalStateException("No value schema: call setValueSerializationSchema(..)");
    }
    return new BuiltRecordSerializationSchema<>(topic, topicSelector, keySchema, valueSchema, partitioner);
  }

  @SuppressWarnings("unchecked")
  private <T extends IN> KafkaRecordSerializationSchemaBuilder<T> self() {
    return (KafkaRecordSerializationSchemaBuilder<T>) this;
  }

  private static String requireNonBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("The " + what + " must not be empty");
    }
    return value;
  }
}
