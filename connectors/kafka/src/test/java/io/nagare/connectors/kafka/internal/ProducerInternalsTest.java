package io.nagare.connectors.kafka.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.connectors.kafka.testing.KafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProducerInternalsTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  private static KafkaProducer<byte[], byte[]> producer(String transactionalId, int transactionTimeoutMs) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Begins a transaction, writes {@code value}, flushes, and returns the transaction's producer id and epoch; the producer is left open. */
  private static ProducerIdAndEpoch flushedTransaction(KafkaProducer<byte[], byte[]> producer, String topic, String value) {
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, value.getBytes(UTF_8)));
    producer.flush();
    return ProducerInternals.producerIdAndEpoch(producer);
  }

  private static void resumeAndCommit(String transactionalId, ProducerIdAndEpoch ids, int timeoutMs) {
    try (KafkaProducer<byte[], byte[]> resumed = producer(transactionalId, timeoutMs)) {
      ProducerInternals.resumeTransaction(resumed, ids.producerId, ids.epoch, true);
      resumed.commitTransaction();
    }
  }

  @Test
  void theVerifiedVersionIsOnTheClasspath() {
    assertThat(AppInfoParser.getVersion()).isEqualTo(ProducerInternals.VERIFIED_VERSION);
    ProducerInternals.verifySupported();
  }

  @Test
  void aNewProducerCommitsATransactionAnotherOneBegan() {
    kafka.broker().createTopic("resume-commit", 1);
    KafkaProducer<byte[], byte[]> original = producer("resume-commit-id", 60_000);
    try {
      ProducerIdAndEpoch ids = flushedTransaction(original, "resume-commit", "one");
      assertThat(kafka.broker().readCommitted("resume-commit")).isEmpty();

      resumeAndCommit("resume-commit-id", ids, 60_000);

      assertThat(kafka.broker().readCommitted("resume-commit")).containsExactly("one");
      assertThat(kafka.broker().openTransactions()).doesNotContain("resume-commit-id");
    } finally {
      original.close(Duration.ZERO);
    }
  }

  @Test
  void committingACommittedTransactionAgainSucceeds() {
    kafka.broker().createTopic("resume-again", 1);
    KafkaProducer<byte[], byte[]> original = producer("resume-again-id", 60_000);
    try {
      ProducerIdAndEpoch ids = flushedTransaction(original, "resume-again", "once");
      resumeAndCommit("resume-again-id", ids, 60_000);
      resumeAndCommit("resume-again-id", ids, 60_000);

      assertThat(kafka.broker().readCommitted("resume-again")).containsExactly("once");
    } finally {
      original.close(Duration.ZERO);
    }
  }

  @Test
  void aTransactionTheBrokerAbortedCannotBeCommitted() throws Exception {
    kafka.broker().createTopic("resume-aborted", 1);
    KafkaProducer<byte[], byte[]> original = producer("resume-aborted-id", 1_000);
    try {
      ProducerIdAndEpoch ids = flushedTransaction(original, "resume-aborted", "lost");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (kafka.broker().admin().describeTransactions(List.of("resume-aborted-id"))
          .description("resume-aborted-id").get().state() != TransactionState.COMPLETE_ABORT) {
        assertThat(System.nanoTime()).as("aborted within 20 s").isLessThan(deadline);
        Thread.sleep(100);
      }

      assertThatThrownBy(() -> resumeAndCommit("resume-aborted-id", ids, 1_000))
          .isInstanceOf(InvalidTxnStateException.class);
      assertThat(kafka.broker().readCommitted("resume-aborted")).isEmpty();
    } finally {
      original.close(Duration.ZERO);
    }
  }

  @Test
  void onlyAFreshProducerCanResume() {
    try (KafkaProducer<byte[], byte[]> used = producer("resume-used-id", 60_000)) {
      used.initTransactions();

      assertThatThrownBy(() -> ProducerInternals.resumeTransaction(used, 1L, (short) 0, true))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Only a fresh producer can resume a transaction; this one is READY");
    }
  }
}
