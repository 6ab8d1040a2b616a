package io.nagare.connectors.kafka.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaSourceEnumeratorTest {
  private static final TopicPartition P0 = new TopicPartition("orders", 0);
  private static final TopicPartition P1 = new TopicPartition("orders", 1);
  private static final TopicPartition P2 = new TopicPartition("orders", 2);

  private final TestingMetadataClient cluster = new TestingMetadataClient();

  private KafkaSourceEnumerator enumerator(TestingSplitEnumeratorContext context, OffsetsInitializer stopping,
      long discoveryMillis, KafkaSourceEnumState restored) {
    return new KafkaSourceEnumerator(context, OffsetsInitializer.latest(), stopping, discoveryMillis, () -> cluster,
        restored, "topics [orders] at bootstrap servers 'test:9092'");
  }

  @Test
  void ownersSpreadThreePartitionsOverTwoSubtasksEvenly() {
    List<Integer> owners = new ArrayList<>();
    for (TopicPartition tp : List.of(P0, P1, P2)) {
      owners.add(KafkaSourceEnumerator.ownerOf(tp, 2));
    }
    int first = owners.get(0);

    assertThat(owners).containsExactly(first, 1 - first, first);
    assertThat(KafkaSourceEnumerator.ownerOf(P0, 1)).isZero();
    assertThat(KafkaSourceEnumerator.ownerOf(new TopicPartition("refunds", 0), 7))
        .isEqualTo(((("refunds".hashCode() * 31) & 0x7FFFFFFF) % 7));
  }

  @Test
  void boundedSourceAssignsEachPartitionToItsOwnerOnceAndThenSaysNoMore() {
    cluster.addPartition(P0, 2, 10);
    cluster.addPartition(P1, 0, 5);
    cluster.addPartition(P2, 0, 0);
    TestingSplitEnumeratorContext context = new TestingSplitEnumeratorContext(2);
    context.registerReader(0);
    context.registerReader(1);
    KafkaSourceEnumerator enumerator = enumerator(context, OffsetsInitializer.latest(), 0, null);

    enumerator.start();
    enumerator.addReader(0);
    enumerator.addReader(1);

    int owner0 = KafkaSourceEnumerator.ownerOf(P0, 2);
    assertThat(context.assignedTo(owner0)).containsExactly(new KafkaPartitionSplit(P0, 10, 10),
        new KafkaPartitionSplit(P2, 0, 0));
    assertThat(context.assignedTo(1 - owner0)).containsExactly(new KafkaPartitionSplit(P1, 5, 5));
    assertThat(context.toldNoMoreSplits()).containsExactly(0, 1);
    assertThat(context.periods()).isEmpty();
    assertThat(enumerator.snapshotState(1))
        .isEqualTo(new KafkaSourceEnumState(Set.of(P0, P1, P2), List.of(), true));
  }

  @Test
  void splitsOfReadersNotYetRegisteredStayUnassignedInTheSnapshotAndGoToTheirNewOwnersAfterARestore() {
    cluster.addPartition(P0, 0, 4);
    cluster.addPartition(P1, 0, 4);
    cluster.addPartition(P2, 0, 4);
    TestingSplitEnumeratorContext context = new TestingSplitEnumeratorContext(2);
    int owner0 = KafkaSourceEnumerator.ownerOf(P0, 2);
    context.registerReader(owner0);
    KafkaSourceEnumerator enumerator = enumerator(context, null, 60_000, null);

    enumerator.start();
    enumerator.addReader(owner0);
    KafkaSourceEnumState snapshot = enumerator.snapshotState(7);

    assertThat(context.periods()).containsExactly(60_000L);
    assertThat(context.assignments()).isEqualTo(Map.of(owner0, List.of(new KafkaPartitionSplit(P0, 4),
        new KafkaPartitionSplit(P2, 4))));
    assertThat(snapshot).isEqualTo(new KafkaSourceEnumState(Set.of(P0, P2), List.of(new KafkaPartitionSplit(P1, 4)),
        true));

    TestingSplitEnumeratorContext rescaled = new TestingSplitEnumeratorContext(3);
    for (int i = 0; i < 3; i++) {
      rescaled.registerReader(i);
    }
    KafkaSourceEnumerator restored = enumerator(rescaled, null, 60_000, snapshot);
    restored.start();
    restored.addReader(0);

    assertThat(rescaled.assignments())
        .isEqualTo(Map.of(KafkaSourceEnumerator.ownerOf(P1, 3), List.of(new KafkaPartitionSplit(P1, 4))));
    assertThat(restored.snapshotState(8)).isEqualTo(new KafkaSourceEnumState(Set.of(P0, P1, P2), List.of(), true));
  }

  @Test
  void partitionsDiscoveredLaterStartAtTheirEarliestOffset() {
    cluster.addPartition(P0, 3, 8);
    TestingSplitEnumeratorContext context = new TestingSplitEnumeratorContext(1);
    context.registerReader(0);
    KafkaSourceEnumerator enumerator = enumerator(context, null, 100, null);
    enumerator.start();
    enumerator.addReader(0);

    cluster.addPartition(P1, 2, 6);
    context.runPeriodicCalls();
    context.runPeriodicCalls();

    assertThat(context.assignedTo(0)).containsExactly(new KafkaPartitionSplit(P0, 8), new KafkaPartitionSplit(P1, 2));
    assertThat(context.toldNoMoreSplits()).isEmpty();
  }

  @Test
  void aFailedDiscoveryFailsWithTheClustersMessageAndCloseClosesTheClient() {
    cluster.failure = new KafkaSourceException("Kafka source: topic 'orders' does not exist");
    TestingSplitEnumeratorContext context = new TestingSplitEnumeratorContext(1);
    KafkaSourceEnumerator enumerator = enumerator(context, null, 0, null);

    assertThatThrownBy(enumerator::start).isSameAs(cluster.failure);

    enumerator.close();
    assertThat(cluster.closed).isEqualTo(1);
  }

  @Test
  void aStartingOffsetBelowZeroIsRefusedNamingThePartition() {
    cluster.partitions.add(P0);
    TestingSplitEnumeratorContext context = new TestingSplitEnumeratorContext(1);
    KafkaSourceEnumerator enumerator = new KafkaSourceEnumerator(context, OffsetsInitializer.offsets(Map.of(),
        io.nagare.connectors.kafka.source.enumerator.initializer.OffsetResetStrategy.LATEST), null, 0, () -> cluster,
        null, "topics [orders] at bootstrap servers 'test:9092'");

    assertThatThrownBy(enumerator::start)
        .isInstanceOf(KafkaSourceException.class)
        .hasMessage("Kafka source (topics [orders] at bootstrap servers 'test:9092'): the starting offsets (offsets {}"
            + " (else latest)) gave orders-0 no offset; every partition needs an offset of at least 0");
  }
}
