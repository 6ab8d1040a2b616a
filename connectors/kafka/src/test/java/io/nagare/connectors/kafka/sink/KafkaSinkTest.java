package io.nagare.connectors.kafka.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaSinkTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  /** A sink of strings to {@code topic}, with {@code properties} given as alternating keys and values. */
  private static KafkaSink<String> sink(String topic, DeliveryGuarantee guarantee, String... properties) {
    KafkaSinkBuilder<String> builder = KafkaSink.<String>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
            .setTopic(topic)
            .setValueSerializationSchema(new SimpleStringSchema())
            .build())
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(topic)
        .setProperty("max.block.ms", "2000");
    for (int i = 0; i < properties.length; i += 2) {
      builder.setProperty(properties[i], properties[i + 1]);
    }
    return builder.build();
  }

  @Test
  void noneWritesEveryRecordByTheEndOfTheInput() throws Exception {
    kafka.broker().createTopic("none-round-trip", 1);
    try (SinkSubtask subtask = SinkSubtask.start(sink("none-round-trip", DeliveryGuarantee.NONE), 0, 1)) {
      subtask.write("a", "bb", "ccc");
      subtask.endInput();

      assertThat(kafka.broker().readCommitted("none-round-trip")).containsExactly("a", "bb", "ccc");
      assertThat(subtask.context().metrics().value("numRecordsSend")).isEqualTo(3L);
      assertThat(subtask.context().metrics().value("numBytesSend")).isEqualTo(6L);
      assertThat(subtask.context().metrics().value("numRecordsSendErrors")).isEqualTo(0L);
    }
  }

  @Test
  void atLeastOnceHasEveryRecordAcknowledgedWhenTheBarrierPasses() throws Exception {
    kafka.broker().createTopic("alo-round-trip", 1);
    try (SinkSubtask subtask = SinkSubtask.start(sink("alo-round-trip", DeliveryGuarantee.AT_LEAST_ONCE), 0, 1)) {
      subtask.write("a", "b");
      SinkSubtask.Snapshot first = subtask.checkpoint(1);
      assertThat(first.committables()).isEmpty();
      assertThat(kafka.broker().readCommitted("alo-round-trip")).containsExactly("a", "b");

      subtask.write("c");
      subtask.checkpoint(2);
      assertThat(kafka.broker().readCommitted("alo-round-trip")).containsExactly("a", "b", "c");
    }
  }

  @Test
  void exactlyOnceWritesEachRecordOnceAndLeavesNoTransactionOpen() throws Exception {
    kafka.broker().createTopic("eo-round-trip", 1);
    try (SinkSubtask subtask = SinkSubtask.start(sink("eo-round-trip", DeliveryGuarantee.EXACTLY_ONCE), 0, 1)) {
      subtask.write("a", "b");
      subtask.checkpoint(1);
      subtask.complete(1);
      subtask.write("c");
      subtask.checkpoint(2);
      subtask.complete(2);
      subtask.write("d");
      subtask.endInput();
    }
    assertThat(kafka.broker().readCommitted("eo-round-trip")).containsExactly("a", "b", "c", "d");
    assertThat(kafka.broker().openTransactions()).noneMatch(id -> id.startsWith("eo-round-trip-"));
  }

  @Test
  void theSchemaChoosesTopicKeyPartitionAndTimestamp() throws Exception {
    kafka.broker().createTopic("schema-even", 3);
    kafka.broker().createTopic("schema-odd", 3);
    KafkaSink<String> sink = KafkaSink.<String>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
            .setTopicSelector(s -> s.length() % 2 == 0 ? "schema-even" : "schema-odd")
            .setKeySerializationSchema(s -> ("key-" + s).getBytes(UTF_8))
            .setValueSerializationSchema(new SimpleStringSchema())
            .setPartitioner((record, key, value, topic, partitions) -> partitions[partitions.length - 1])
            .build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
    try (SinkSubtask subtask = SinkSubtask.start(sink, 0, 1)) {
      subtask.writer().write("ab", timestamped(1_000L));
      subtask.writer().write("abc", timestamped(2_000L));
      subtask.checkpoint(1);
    }

    List<ConsumerRecord<byte[], byte[]>> even = kafka.broker().readCommittedRecords("schema-even");
    assertThat(even).singleElement().satisfies(r -> {
      assertThat(new String(r.key(), UTF_8)).isEqualTo("key-ab");
      assertThat(new String(r.value(), UTF_8)).isEqualTo("ab");
      assertThat(r.partition()).isEqualTo(2);
      assertThat(r.timestamp()).isEqualTo(1_000L);
    });
    assertThat(kafka.broker().readCommitted("schema-odd")).containsExactly("abc");
  }

  @Test
  void aFailedSendFailsTheSubtaskNamingTheTopic() throws Exception {
    try (SinkSubtask subtask = SinkSubtask.start(sink("no-such-topic", DeliveryGuarantee.AT_LEAST_ONCE), 0, 1)) {
      subtask.write("lost");
      String expected = "Kafka sink 'to Kafka' (subtask 1/1) could not write a record to topic no-such-topic:"
          + " Topic no-such-topic not present in metadata after 2000 ms. (does the topic exist? Kafka at "
          + kafka.bootstrapServers() + " does not create topics when auto.create.topics.enable is off;"
          + " or the brokers are unreachable)";

      assertThatThrownBy(() -> subtask.writer().flush(false)).isInstanceOf(KafkaSinkException.class).hasMessage(expected);
      assertThatThrownBy(() -> subtask.write("next")).isInstanceOf(KafkaSinkException.class).hasMessage(expected);
      assertThat(subtask.context().pendingMails()).isEqualTo(1);
      assertThatThrownBy(() -> subtask.context().runMails()).hasMessage(expected);
      assertThat(subtask.context().metrics().value("numRecordsSendErrors")).isEqualTo(1L);
    }
  }

  @Test
  void theBuilderRefusesATransactionalIdOfItsOwn() {
    assertThatThrownBy(() -> KafkaSink.<String>builder().setProperty("transactional.id", "mine"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Do not set transactional.id: the Kafka sink manages its transactional ids;"
            + " set a prefix with setTransactionalIdPrefix(..) and use DeliveryGuarantee.EXACTLY_ONCE");
  }

  @Test
  void theBuilderNamesWhatIsMissing() {
    assertThatThrownBy(() -> KafkaSink.<String>builder().build())
        .hasMessage("No Kafka bootstrap servers: set bootstrap.servers");
    assertThatThrownBy(() -> KafkaSink.<String>builder().setBootstrapServers("localhost:1").build())
        .hasMessage("No record serializer: call setRecordSerializer(..)");
    assertThatThrownBy(() -> KafkaRecordSerializationSchema.builder().setValueSerializationSchema(new SimpleStringSchema()).build())
        .hasMessage("No topic: call setTopic(..) or setTopicSelector(..)");
  }

  @Test
  void exactlyOnceProducersGetTheBrokersDefaultTransactionTimeout() {
    assertThat(sink("any", DeliveryGuarantee.EXACTLY_ONCE).getKafkaProducerConfig().getProperty("transaction.timeout.ms"))
        .isEqualTo("900000");
    assertThat(sink("any", DeliveryGuarantee.AT_LEAST_ONCE).getKafkaProducerConfig().getProperty("transaction.timeout.ms"))
        .isNull();
  }

  @Test
  void producersBatchLargerAndExactlyOnceProducersLingerUnlessTheJobSaysOtherwise() {
    var exactlyOnce = sink("any", DeliveryGuarantee.EXACTLY_ONCE).getKafkaProducerConfig();
    assertThat(exactlyOnce.getProperty("batch.size")).isEqualTo("524288");
    assertThat(exactlyOnce.getProperty("linger.ms")).isEqualTo("100");
    var atLeastOnce = sink("any", DeliveryGuarantee.AT_LEAST_ONCE).getKafkaProducerConfig();
    assertThat(atLeastOnce.getProperty("batch.size")).isEqualTo("524288");
    assertThat(atLeastOnce.getProperty("linger.ms")).isNull();
    var chosen = sink("any", DeliveryGuarantee.EXACTLY_ONCE, "batch.size", "16384", "linger.ms", "0")
        .getKafkaProducerConfig();
    assertThat(chosen.getProperty("batch.size")).isEqualTo("16384");
    assertThat(chosen.getProperty("linger.ms")).isEqualTo("0");
  }

  private static SinkWriter.Context timestamped(long timestamp) {
    return new SinkWriter.Context() {
      @Override
      public long currentWatermark() {
        return Long.MIN_VALUE;
      }

      @Override
      public Long timestamp() {
        return timestamp;
      }
    };
  }
}
