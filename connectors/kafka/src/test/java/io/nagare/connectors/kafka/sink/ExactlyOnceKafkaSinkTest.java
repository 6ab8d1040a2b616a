package io.nagare.connectors.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.testing.TestingCommitRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExactlyOnceKafkaSinkTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  /** Subtasks of runs that "crashed": closed only after the test, as the broker outlives a killed process. */
  private final List<SinkSubtask> crashed = new ArrayList<>();

  @AfterEach
  void closeCrashedSubtasks() {
    for (SinkSubtask s : crashed) {
      s.close();
    }
  }

  private static KafkaSink<String> sink(String topic, int poolSize, String... properties) {
    KafkaSinkBuilder<String> builder = KafkaSink.<String>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
            .setTopic(topic)
            .setValueSerializationSchema(new SimpleStringSchema())
            .build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(topic)
        .setTransactionalIdPoolSize(poolSize)
        .setProperty("max.block.ms", "5000");
    for (int i = 0; i < properties.length; i += 2) {
      builder.setProperty(properties[i], properties[i + 1]);
    }
    return builder.build();
  }

  private static Set<String> openTransactionsOf(String prefix) {
    return kafka.broker().openTransactions().stream()
        .filter(id -> id.startsWith(prefix + "-"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void recordsBecomeVisibleWhenTheirCheckpointCompletes() throws Exception {
    kafka.broker().createTopic("eo-visible", 1);
    try (SinkSubtask subtask = SinkSubtask.start(sink("eo-visible", 5), 0, 1)) {
      subtask.write("a", "b");
      SinkSubtask.Snapshot first = subtask.checkpoint(1);
      assertThat(first.committables()).singleElement()
          .satisfies(c -> assertThat(c.transactionalId()).isEqualTo("eo-visible-0-0"));
      assertThat(kafka.broker().readCommitted("eo-visible")).isEmpty();
      assertThat(subtask.context().metrics().value("pendingTransactions")).isEqualTo(1);

      subtask.complete(1);
      assertThat(kafka.broker().readCommitted("eo-visible")).containsExactly("a", "b");

      subtask.write("c");
      subtask.checkpoint(2);
      assertThat(kafka.broker().readCommitted("eo-visible")).containsExactly("a", "b");
      subtask.complete(2);
      assertThat(kafka.broker().readCommitted("eo-visible")).containsExactly("a", "b", "c");
    }
  }

  @Test
  void aCheckpointWithoutRecordsHasNoTransaction() throws Exception {
    kafka.broker().createTopic("eo-empty", 1);
    try (SinkSubtask subtask = SinkSubtask.start(sink("eo-empty", 5), 0, 1)) {
      assertThat(subtask.checkpoint(1).committables()).isEmpty();
      assertThat(openTransactionsOf("eo-empty")).isEmpty();
    }
  }

  @Test
  void restoreCommitsThePreCommittedTransactionOnceAndAbortsTheOpenOne() throws Exception {
    kafka.broker().createTopic("eo-restore", 1);
    KafkaSink<String> sink = sink("eo-restore", 5);
    SinkSubtask first = SinkSubtask.start(sink, 0, 1);
    crashed.add(first);
    first.write("a");
    first.checkpoint(1);
    first.complete(1);
    first.write("b");
    SinkSubtask.Snapshot second = first.checkpoint(2);
    first.write("c");
    // Checkpoint 2 completes, but the process dies before its commit: "b" is pre-committed (in the
    // id "a" used, free again once "a" was committed), "c" open.
    awaitOpenTransactions("eo-restore", "eo-restore-0-0", "eo-restore-0-1");

    try (SinkSubtask restored = SinkSubtask.restore(sink, 0, 1, 1, 2, second.committables(), second.states())) {
      assertThat(restored.restoreCommits).singleElement()
          .satisfies(r -> assertThat(r.outcome()).isEqualTo(TestingCommitRequest.Outcome.COMMITTED));
      assertThat(kafka.broker().readCommitted("eo-restore")).containsExactly("a", "b");
      assertThat(openTransactionsOf("eo-restore")).isEmpty();

      restored.write("d");
      restored.checkpoint(3);
      restored.complete(3);
    }
    assertThat(kafka.broker().readCommitted("eo-restore")).containsExactly("a", "b", "d");
    assertThat(openTransactionsOf("eo-restore")).isEmpty();
  }

  @Test
  void restoringTheSameCheckpointTwiceCommitsItsTransactionOnce() throws Exception {
    kafka.broker().createTopic("eo-twice", 1);
    KafkaSink<String> sink = sink("eo-twice", 5);
    SinkSubtask first = SinkSubtask.start(sink, 0, 1);
    crashed.add(first);
    first.write("a");
    SinkSubtask.Snapshot checkpoint = first.checkpoint(1);

    SinkSubtask second = SinkSubtask.restore(sink, 0, 1, 1, 1, checkpoint.committables(), checkpoint.states());
    crashed.add(second);
    second.write("b");
    awaitOpenTransactions("eo-twice", "eo-twice-0-0");

    try (SinkSubtask third = SinkSubtask.restore(sink, 0, 1, 2, 1, checkpoint.committables(), checkpoint.states())) {
      assertThat(third.restoreCommits).singleElement()
          .satisfies(r -> assertThat(r.outcome()).isEqualTo(TestingCommitRequest.Outcome.ALREADY_COMMITTED));
      assertThat(kafka.broker().readCommitted("eo-twice")).containsExactly("a");
      assertThat(openTransactionsOf("eo-twice")).isEmpty();
    }
  }

  @Test
  void restoreAtLowerParallelismAbortsTheOpenTransactionsOfVanishedSubtasks() throws Exception {
    kafka.broker().createTopic("eo-rescale", 1);
    KafkaSink<String> sink = sink("eo-rescale", 5);
    List<SinkSubtask.Snapshot> lastCheckpoint = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SinkSubtask old = SinkSubtask.start(sink, i, 3);
      crashed.add(old);
      old.write("x" + i);
      old.checkpoint(1);
      old.complete(1);
      old.write("y" + i);
      lastCheckpoint.add(old.checkpoint(2));
      old.write("z" + i);
    }
    awaitOpenTransactions("eo-rescale",
        "eo-rescale-0-0", "eo-rescale-0-1", "eo-rescale-1-0", "eo-rescale-1-1", "eo-rescale-2-0", "eo-rescale-2-1");

    // New subtask 1 of 2 takes over old subtask 1; new subtask 0 old subtasks 0 and 2.
    try (SinkSubtask one = SinkSubtask.restore(sink, 1, 2, 1, 2,
        lastCheckpoint.get(1).committables(), lastCheckpoint.get(1).states())) {
      assertThat(one.restoreCommits).extracting(TestingCommitRequest::outcome)
          .containsExactly(TestingCommitRequest.Outcome.COMMITTED);
      assertThat(openTransactionsOf("eo-rescale")).containsExactly(
          "eo-rescale-0-0", "eo-rescale-0-1", "eo-rescale-2-0", "eo-rescale-2-1");

      List<KafkaCommittable> committables = Stream.of(lastCheckpoint.get(0), lastCheckpoint.get(2))
          .flatMap(s -> s.committables().stream()).toList();
      List<KafkaWriterState> states = Stream.of(lastCheckpoint.get(0), lastCheckpoint.get(2))
          .flatMap(s -> s.states().stream()).toList();
      try (SinkSubtask zero = SinkSubtask.restore(sink, 0, 2, 1, 2, committables, states)) {
        assertThat(openTransactionsOf("eo-rescale")).isEmpty();
        assertThat(kafka.broker().readCommitted("eo-rescale"))
            .containsExactlyInAnyOrder("x0", "x1", "x2", "y0", "y1", "y2");
        assertThat(zero.restoreCommits).extracting(TestingCommitRequest::outcome)
            .containsExactly(TestingCommitRequest.Outcome.COMMITTED, TestingCommitRequest.Outcome.COMMITTED);
      }
    }
  }

  @Test
  void reusesABoundedSetOfTransactionalIds() throws Exception {
    kafka.broker().createTopic("eo-reuse", 1);
    Set<String> used = new TreeSet<>();
    List<String> expected = new ArrayList<>();
    try (SinkSubtask subtask = SinkSubtask.start(sink("eo-reuse", 5), 0, 1)) {
      // Each checkpoint completes only after the next one's records are written: two transactions overlap.
      for (int checkpoint = 1; checkpoint <= 8; checkpoint++) {
        subtask.write("r" + checkpoint);
        expected.add("r" + checkpoint);
        subtask.checkpoint(checkpoint).committables().forEach(c -> used.add(c.transactionalId()));
        if (checkpoint > 1) {
          subtask.complete(checkpoint - 1);
        }
      }
      assertThat(subtask.context().metrics().value("pendingTransactions")).isEqualTo(1);
      subtask.complete(8);
      assertThat(subtask.context().metrics().value("pendingTransactions")).isEqualTo(0);
    }
    assertThat(used).containsExactly("eo-reuse-0-0", "eo-reuse-0-1");
    assertThat(kafka.broker().readCommitted("eo-reuse")).containsExactlyElementsOf(expected);
  }

  @Test
  void failsNamingThePoolSettingWhenEveryIdWaitsForACheckpoint() throws Exception {
    kafka.broker().createTopic("eo-pool", 1);
    try (SinkSubtask subtask = SinkSubtask.start(sink("eo-pool", 2), 0, 1)) {
      subtask.write("a");
      subtask.checkpoint(7);
      subtask.write("b");
      subtask.checkpoint(8);

      assertThatThrownBy(() -> subtask.write("c"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("All 2 transactional ids of Kafka sink subtask 1/1 (eo-pool-0-0 to eo-pool-0-1) are in use:"
              + " transactions pre-committed at checkpoints [7, 8] wait for those checkpoints to complete."
              + " Checkpoints are not completing (or their completion is late): look at the job's failed checkpoints,"
              + " or raise the pool with KafkaSink.builder().setTransactionalIdPoolSize(..) (now 2)");

      subtask.complete(8);
      subtask.write("c");
      subtask.checkpoint(9);
      subtask.complete(9);
    }
    assertThat(kafka.broker().readCommitted("eo-pool")).containsExactly("a", "b", "c");
  }

  @Test
  void aTransactionKafkaAbortedFailsItsCommitNamingTheTimeout() throws Exception {
    kafka.broker().createTopic("eo-timeout", 1);
    KafkaSink<String> sink = sink("eo-timeout", 5, "transaction.timeout.ms", "1000");
    try (SinkSubtask subtask = SinkSubtask.start(sink, 0, 1)) {
      subtask.write("late");
      KafkaCommittable c = subtask.checkpoint(1).committables().get(0);
      awaitTransactionState("eo-timeout-0-0", TransactionState.COMPLETE_ABORT);
      String expected = "Kafka aborted transaction eo-timeout-0-0 (producer id " + c.producerId() + ", epoch " + c.epoch()
          + ") before Kafka sink subtask 1/1 could commit it, so its records are lost: it was open longer than"
          + " transaction.timeout.ms (1000 ms). Raise transaction.timeout.ms (up to the brokers'"
          + " transaction.max.timeout.ms) above the longest time from a checkpoint to its completion plus the time a"
          + " restart takes";

      TestingCommitRequest<KafkaCommittable> own = new TestingCommitRequest<>(c);
      subtask.committer().commit(List.of(own));
      assertThat(own.outcome()).isEqualTo(TestingCommitRequest.Outcome.FAILED_KNOWN);
      assertThat(own.failure()).hasMessage(expected);

      var committer = SinkSubtask.copyOf(sink).createCommitter(new TestingWriterInitContext(0, 1, 1, null));
      try {
        TestingCommitRequest<KafkaCommittable> restored = new TestingCommitRequest<>(c);
        committer.commit(List.of(restored));
        assertThat(restored.outcome()).isEqualTo(TestingCommitRequest.Outcome.FAILED_KNOWN);
        assertThat(restored.failure()).hasMessage(expected);
      } finally {
        committer.close();
      }
    }
    assertThat(kafka.broker().readCommitted("eo-timeout")).isEmpty();
  }

  @Test
  void closingAbortsTheOpenTransactionAndKeepsThePreCommittedOne() throws Exception {
    kafka.broker().createTopic("eo-close", 1);
    KafkaSink<String> sink = sink("eo-close", 5);
    SinkSubtask.Snapshot checkpoint;
    try (SinkSubtask subtask = SinkSubtask.start(sink, 0, 1)) {
      subtask.write("kept");
      checkpoint = subtask.checkpoint(1);
      subtask.write("dropped");
    }
    assertThat(openTransactionsOf("eo-close")).containsExactly("eo-close-0-0");

    try (SinkSubtask restored = SinkSubtask.restore(sink, 0, 1, 1, 1, checkpoint.committables(), checkpoint.states())) {
      assertThat(restored.restoreCommits).extracting(TestingCommitRequest::outcome).containsExactly(TestingCommitRequest.Outcome.COMMITTED);
      assertThat(kafka.broker().readCommitted("eo-close")).containsExactly("kept");
      assertThat(openTransactionsOf("eo-close")).isEmpty();
    }
  }

  @Test
  void aChangedPrefixAbortsWhatTheOldPrefixLeftOpen() throws Exception {
    kafka.broker().createTopic("eo-renamed", 1);
    SinkSubtask old = SinkSubtask.start(sink("eo-renamed", 5), 0, 1);
    crashed.add(old);
    old.write("a");
    SinkSubtask.Snapshot checkpoint = old.checkpoint(1);
    old.write("open");
    awaitOpenTransactions("eo-renamed", "eo-renamed-0-0", "eo-renamed-0-1");

    KafkaSink<String> renamed = KafkaSink.<String>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
            .setTopic("eo-renamed").setValueSerializationSchema(new SimpleStringSchema()).build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix("eo-renamed-v2")
        .build();
    try (SinkSubtask restored = SinkSubtask.restore(renamed, 0, 1, 1, 1, checkpoint.committables(), checkpoint.states())) {
      assertThat(restored.restoreCommits).extracting(TestingCommitRequest::outcome).containsExactly(TestingCommitRequest.Outcome.COMMITTED);
      assertThat(kafka.broker().readCommitted("eo-renamed")).containsExactly("a");
      assertThat(openTransactionsOf("eo-renamed")).isEmpty();
    }
  }

  /** Waits until the open transactions of {@code prefix} are {@code expected}: records reach the broker shortly after {@code write}. */
  private static void awaitOpenTransactions(String prefix, String... expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!openTransactionsOf(prefix).equals(new TreeSet<>(List.of(expected)))) {
      if (System.nanoTime() > deadline) {
        assertThat(openTransactionsOf(prefix)).as("open transactions after 20 s").containsExactly(expected);
      }
      Thread.sleep(50);
    }
  }

  private static void awaitTransactionState(String transactionalId, TransactionState state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (kafka.broker().admin().describeTransactions(List.of(transactionalId)).description(transactionalId).get().state() != state) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(transactionalId + " did not reach " + state + " within 20 s");
      }
      Thread.sleep(100);
    }
  }
}
