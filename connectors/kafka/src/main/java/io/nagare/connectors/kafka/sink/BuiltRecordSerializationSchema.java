package io.nagare.connectors.kafka.sink;

import io.nagare.api.serialization.SerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The schema {@link KafkaRecordSerializationSchemaBuilder} builds. */
final class BuiltRecordSerializationSchema<IN> implements KafkaRecordSerializationSchema<IN> {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final TopicSelector<? super IN> topicSelector;
  private final SerializationSchema<? super IN> keySchema;
  private final SerializationSchema<? super IN> valueSchema;
  private final KafkaPartitioner<? super IN> partitioner;

  BuiltRecordSerializationSchema(String topic, TopicSelector<? super IN> topicSelector,
      SerializationSchema<? super IN> keySchema, SerializationSchema<? super IN> valueSchema,
      KafkaPartitioner<? super IN> partitioner) {
    this.topic = topic;
    this.topicSelector = topicSelector;
    this.keySchema = keySchema;
    this.valueSchema = valueSchema;
    this.partitioner = partitioner;
  }

  /** The single topic of this schema, or null if a selector chooses per record. */
  String fixedTopic() {
    return topic;
  }

  @Override
  public void open(KafkaSinkContext context) throws Exception {
    if (keySchema != null) {
      keySchema.open();
    }
    valueSchema.open();
    if (partitioner != null) {
      partitioner.open(context.getParallelInstanceId(), context.getNumberOfParallelInstances());
    }
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(IN element, KafkaSinkContext context, Long timestamp) {
    String target = topic != null ? topic : topicSelector.apply(element);
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException("The topic selector chose no topic for the record " + element);
    }
    byte[] key = keySchema == null ? null : keySchema.serialize(element);
    byte[] value = valueSchema.serialize(element);
    Integer partition = partitioner == null ? null
        : partitioner.partition(element, key, value, target, context.getPartitionsForTopic(target));
    return new ProducerRecord<>(target, partition, timestamp, key, value);
  }
}
