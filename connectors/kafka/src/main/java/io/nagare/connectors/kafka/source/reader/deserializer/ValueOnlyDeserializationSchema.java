package io.nagare.connectors.kafka.source.reader.deserializer;

import io.nagare.api.functions.Collector;
import io.nagare.api.serialization.DeserializationSchema;
import io.nagare.api.typeinfo.TypeInformation;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@link KafkaRecordDeserializationSchema#valueOnly}. */
final class ValueOnlyDeserializationSchema<T> implements KafkaRecordDeserializationSchema<T> {
  private static final long serialVersionUID = 1L;

  private final DeserializationSchema<T> valueSchema;

  ValueOnlyDeserializationSchema(DeserializationSchema<T> valueSchema) {
    this.valueSchema = Objects.requireNonNull(valueSchema, "valueDeserializationSchema");
  }

  @Override
  public void open() throws Exception {
    valueSchema.open();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) throws IOException {
    valueSchema.deserialize(record.value(), out);
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return valueSchema.getProducedType();
  }
}
