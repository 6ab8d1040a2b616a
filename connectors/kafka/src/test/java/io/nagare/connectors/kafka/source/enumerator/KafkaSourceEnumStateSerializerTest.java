package io.nagare.connectors.kafka.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaSourceEnumStateSerializerTest {
  private final KafkaSourceEnumStateSerializer serializer = new KafkaSourceEnumStateSerializer();

  @Test
  void roundTripsAssignedAndUnassignedPartitions() throws IOException {
    KafkaSourceEnumState state = new KafkaSourceEnumState(
        Set.of(new TopicPartition("a", 0), new TopicPartition("a", 1), new TopicPartition("b", 0)),
        List.of(new KafkaPartitionSplit(new TopicPartition("b", 1), 17),
            new KafkaPartitionSplit(new TopicPartition("c", 0), 3, 9)),
        true);

    KafkaSourceEnumState back = serializer.deserialize(1, serializer.serialize(state));

    assertThat(back).isEqualTo(state);
    assertThat(back.unassignedSplits()).containsExactly(new KafkaPartitionSplit(new TopicPartition("b", 1), 17),
        new KafkaPartitionSplit(new TopicPartition("c", 0), 3, 9));
  }

  @Test
  void roundTripsTheStateBeforeTheFirstDiscovery() throws IOException {
    KafkaSourceEnumState empty = new KafkaSourceEnumState(Set.of(), List.of(), false);

    assertThat(serializer.deserialize(1, serializer.serialize(empty))).isEqualTo(empty);
    assertThat(serializer.serialize(empty)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void refusesAnUnknownVersionAndTrailingBytes() throws IOException {
    byte[] bytes = serializer.serialize(new KafkaSourceEnumState(Set.of(), List.of(), true));
    byte[] longer = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, longer, 0, bytes.length);

    assertThatThrownBy(() -> serializer.deserialize(0, bytes))
        .hasMessage("Unknown version 0 of a Kafka source enumerator checkpoint (this nagare reads version 1)");
    assertThatThrownBy(() -> serializer.deserialize(1, longer))
        .hasMessage("Corrupt Kafka source enumerator checkpoint: 1 bytes left over");
  }
}
