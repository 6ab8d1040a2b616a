package io.nagare.connectors.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.connector.SubmissionCheck;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.connectors.kafka.testing.KafkaBroker;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaSinkSubmissionCheckTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension(Map.of("transaction.max.timeout.ms", "600000"));

  /** The job side of a submission: its configuration and the claims made so far. */
  private static final class TestingContext implements SubmissionCheck.Context {
    final Configuration configuration = new Configuration();
    final Map<String, String> claims = new LinkedHashMap<>();

    TestingContext checkpointEvery(Duration interval) {
      configuration.set(CheckpointingOptions.INTERVAL, interval);
      return this;
    }

    @Override
    public Configuration jobConfiguration() {
      return configuration;
    }

    @Override
    public String operatorName() {
      return "to Kafka";
    }

    @Override
    public void claimExclusive(String resource, String value) {
      if (claims.putIfAbsent(resource + "=" + value, operatorName()) != null) {
        throw new IllegalArgumentException("claimed twice: " + resource + " " + value);
      }
    }
  }

  private static KafkaSinkBuilder<String> exactlyOnce(String bootstrapServers, String topic) {
    return KafkaSink.<String>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
            .setTopic(topic).setValueSerializationSchema(new SimpleStringSchema()).build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix("orders")
        .setProperty("transaction.timeout.ms", "300000")
        .setProperty("max.block.ms", "1500");
  }

  @Test
  void acceptsAValidExactlyOnceSinkAndClaimsItsPrefix() {
    kafka.broker().createTopic("check-ok", 1);
    TestingContext context = new TestingContext().checkpointEvery(Duration.ofSeconds(10));
    exactlyOnce(kafka.bootstrapServers(), "check-ok").build().checkSubmission(context);

    assertThat(context.claims).containsOnlyKeys("Kafka transactional id prefix=orders");
  }

  @Test
  void twoSinksWithOnePrefixAreRefused() {
    kafka.broker().createTopic("check-twice", 1);
    TestingContext context = new TestingContext().checkpointEvery(Duration.ofSeconds(10));
    exactlyOnce(kafka.bootstrapServers(), "check-twice").build().checkSubmission(context);

    assertThatThrownBy(() -> exactlyOnce(kafka.bootstrapServers(), "check-twice").build().checkSubmission(context))
        .hasMessage("claimed twice: Kafka transactional id prefix orders");
  }

  @Test
  void refusesExactlyOnceWithoutAPrefix() {
    KafkaSink<String> sink = KafkaSink.<String>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
            .setTopic("check-prefix").setValueSerializationSchema(new SimpleStringSchema()).build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .build();

    assertThatThrownBy(() -> sink.checkSubmission(new TestingContext().checkpointEvery(Duration.ofSeconds(10))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka sink 'to Kafka': EXACTLY_ONCE needs a transactional id prefix, unique per job and sink:"
            + " call setTransactionalIdPrefix(..) on KafkaSink.builder()");
  }

  @Test
  void refusesExactlyOnceWithoutCheckpointing() {
    KafkaSink<String> sink = exactlyOnce(kafka.bootstrapServers(), "check-interval").build();

    assertThatThrownBy(() -> sink.checkSubmission(new TestingContext()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka sink 'to Kafka': EXACTLY_ONCE needs checkpointing (records become visible when a checkpoint"
            + " completes), but execution.checkpointing.interval is not set: set it (for example 10 s), or use"
            + " DeliveryGuarantee.AT_LEAST_ONCE");
  }

  @Test
  void refusesATransactionTimeoutBelowTheCheckpointInterval() {
    KafkaSink<String> sink = exactlyOnce(kafka.bootstrapServers(), "check-short")
        .setProperty("transaction.timeout.ms", "30000").build();

    assertThatThrownBy(() -> sink.checkSubmission(new TestingContext().checkpointEvery(Duration.ofMinutes(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka sink 'to Kafka': transaction.timeout.ms (30000 ms) is below the checkpoint interval"
            + " execution.checkpointing.interval (60000 ms): a transaction stays open for at least one interval, so"
            + " Kafka would abort it. Raise transaction.timeout.ms well above the interval");
  }

  @Test
  void refusesATransactionTimeoutAboveTheBrokersMaximum() {
    kafka.broker().createTopic("check-long", 1);
    KafkaSink<String> sink = exactlyOnce(kafka.bootstrapServers(), "check-long")
        .setProperty("transaction.timeout.ms", "900000").build();

    assertThatThrownBy(() -> sink.checkSubmission(new TestingContext().checkpointEvery(Duration.ofSeconds(10))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka sink 'to Kafka': transaction.timeout.ms (900000 ms) is above the brokers'"
            + " transaction.max.timeout.ms (600000 ms), so Kafka would refuse every transaction. Lower"
            + " transaction.timeout.ms, or raise transaction.max.timeout.ms on the brokers");
  }

  @Test
  void refusesAMissingTopic() {
    KafkaSink<String> sink = exactlyOnce(kafka.bootstrapServers(), "check-missing")
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();

    assertThatThrownBy(() -> sink.checkSubmission(new TestingContext()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka sink 'to Kafka': the topic check-missing does not exist at " + kafka.bootstrapServers()
            + ", and the brokers do not create topics (auto.create.topics.enable=false): create it first");
  }

  @Test
  void anUnreachableClusterIsNamedWithinTheBlockingBound() throws Exception {
    try (KafkaBroker broker = new KafkaBroker().start()) {
      broker.createTopic("check-down", 1);
      KafkaSink<String> sink = exactlyOnce(broker.bootstrapServers(), "check-down").build();
      broker.stop();

      long start = System.nanoTime();
      assertThatThrownBy(() -> sink.checkSubmission(new TestingContext().checkpointEvery(Duration.ofSeconds(10))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Kafka sink 'to Kafka': Kafka at " + broker.bootstrapServers() + " did not answer within 1500 ms"
              + " (max.block.ms) while reading the broker settings transaction.max.timeout.ms, auto.create.topics.enable:"
              + " check bootstrap.servers and that the brokers are up");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      assertThatThrownBy(() -> SinkSubtask.start(sink, 0, 1))
          .isInstanceOf(IOException.class)
          .hasMessage("Kafka sink 'to Kafka' (subtask 1/1) could not start: Kafka at " + broker.bootstrapServers()
              + " did not answer within 1500 ms (max.block.ms) while reading the cluster's features: check"
              + " bootstrap.servers and that the brokers are up");

      broker.start();
      sink.checkSubmission(new TestingContext().checkpointEvery(Duration.ofSeconds(10)));
      try (SinkSubtask subtask = SinkSubtask.start(sink, 0, 1)) {
        subtask.write("back");
        subtask.checkpoint(1);
        subtask.complete(1);
      }
      assertThat(broker.readCommitted("check-down")).containsExactly("back");
    }
  }
}
