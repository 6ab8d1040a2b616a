package io.nagare.connectors.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.connectors.kafka.formats.JsonDeserializationSchema;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The three policies for records that do not deserialise, in whole jobs. */
class MalformedRecordsTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  private static KafkaSourceBuilder<Integer> integers(String topic) {
    return KafkaSource.<Integer>builder().setBootstrapServers(kafka.bootstrapServers()).setTopics(topic)
        .setValueOnlyDeserializer(new IntegerSchema()).setBounded(OffsetsInitializer.latest());
  }

  @Test
  void aMalformedRecordFailsTheJobNamingTopicPartitionAndOffset() throws Exception {
    kafka.broker().createTopic("mal-fail", 1);
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      producer.sendAll("mal-fail", 0, List.of("1", "2", "x", "4")).flush();
    }

    KafkaSourceException failure = Jobs.kafkaFailure(catchThrowable(() -> Jobs.runBounded(integers("mal-fail").build(),
        1)));

    assertThat(failure).hasMessage("Kafka source could not deserialize the record of topic 'mal-fail', partition 0,"
        + " offset 2: java.io.IOException: not a number: 'x' (malformed.record.policy is fail; skip or dead-letter"
        + " would let the job go on)");
  }

  @Test
  void skippedRecordsAreLeftOutOfTheStream() throws Exception {
    kafka.broker().createTopic("mal-skip", 1);
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      producer.sendAll("mal-skip", 0, List.of("{\"n\":1}", "not json", "{\"n\":3,\"tags\":[\"a\"]}")).flush();
    }
    KafkaSource<Map<String, Object>> source = KafkaSource.<Map<String, Object>>builder()
        .setBootstrapServers(kafka.bootstrapServers()).setTopics("mal-skip")
        .setValueOnlyDeserializer(JsonDeserializationSchema.forMap()).setBounded(OffsetsInitializer.latest())
        .setProperty("malformed.record.policy", "skip").build();

    List<Map<String, Object>> out = Jobs.runBounded(source, 1);

    Map<String, Object> third = new LinkedHashMap<>();
    third.put("n", 3);
    third.put("tags", List.of("a"));
    assertThat(out).containsExactly(Map.of("n", 1), third);
  }

  @Test
  void deadLetteredRecordsKeepKeyValueHeadersAndTimestampAndCarryTheError() throws Exception {
    kafka.broker().createTopic("mal-dlq", 1);
    kafka.broker().createTopic("mal-dlq-dead", 1);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", "t-42".getBytes(StandardCharsets.UTF_8));
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      producer.send("mal-dlq", 0, 1000L, "k1", "1").send("mal-dlq", 0, 2000L, "k2", "x", headers)
          .send("mal-dlq", 0, 3000L, "k3", "3").flush();
    }

    List<Integer> out = Jobs.runBounded(integers("mal-dlq")
        .setMalformedRecordPolicy(MalformedRecordPolicy.deadLetter("mal-dlq-dead")).build(), 1);

    assertThat(out).containsExactly(1, 3);
    List<ConsumerRecord<byte[], byte[]>> dead = kafka.broker().readCommittedRecords("mal-dlq-dead");
    assertThat(dead).hasSize(1);
    ConsumerRecord<byte[], byte[]> r = dead.get(0);
    assertThat(text(r.key())).isEqualTo("k2");
    assertThat(text(r.value())).isEqualTo("x");
    assertThat(r.timestamp()).isEqualTo(2000L);
    Map<String, String> deadHeaders = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      deadHeaders.put(h.key(), text(h.value()));
    }
    assertThat(deadHeaders).containsExactly(Map.entry("trace", "t-42"),
        Map.entry("nagare.error.source.topic", "mal-dlq"), Map.entry("nagare.error.source.partition", "0"),
        Map.entry("nagare.error.source.offset", "1"), Map.entry("nagare.error.class", "java.io.IOException"),
        Map.entry("nagare.error.message", "not a number: 'x'"));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
