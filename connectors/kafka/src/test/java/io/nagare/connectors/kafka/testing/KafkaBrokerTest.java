package io.nagare.connectors.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  @Test
  void readCommittedSeesOnlyCommittedTransactions() throws Exception {
    KafkaBroker broker = kafka.broker();
    broker.createTopic("broker-txn", 1);
    broker.produce("broker-txn", 0, null, "plain");
    try (KafkaProducer<byte[], byte[]> producer = transactional("broker-test-txn")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record("broker-txn", "committed")).get();
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(record("broker-txn", "open")).get();

      assertThat(broker.readCommitted("broker-txn")).containsExactly("plain", "committed");
      assertThat(broker.openTransactions()).containsExactly("broker-test-txn");

      producer.abortTransaction();
    }
    assertThat(broker.readCommitted("broker-txn")).containsExactly("plain", "committed");
    assertThat(broker.openTransactions()).isEmpty();
  }

  @Test
  void refusesRecordsForAMissingTopic() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      assertThatThrownBy(() -> producer.send(record("no-such-topic", "x")).get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class)
          .hasMessageContaining("Topic no-such-topic not present in metadata after 1000 ms");
    }
  }

  @Test
  void addsPartitions() {
    KafkaBroker broker = kafka.broker();
    broker.createTopic("broker-grow", 1);
    broker.addPartitions("broker-grow", 3);
    broker.produce("broker-grow", 2, "k", "in partition 2");

    assertThat(broker.readCommittedRecords("broker-grow"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.partition()).isEqualTo(2);
          assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        });
  }

  private KafkaProducer<byte[], byte[]> transactional(String id) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String value) {
    return new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8));
  }
}
