package io.nagare.connectors.kafka.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaPartitionSplitSerializerTest {
  private final KafkaPartitionSplitSerializer serializer = new KafkaPartitionSplitSerializer();

  @Test
  void roundTripsUnboundedAndBoundedSplits() throws IOException {
    KafkaPartitionSplit unbounded = new KafkaPartitionSplit(new TopicPartition("orders", 7), 42);
    KafkaPartitionSplit bounded = new KafkaPartitionSplit(new TopicPartition("zählung.v1", 0), 0, 1_000_000_000_000L);

    for (KafkaPartitionSplit split : new KafkaPartitionSplit[] {unbounded, bounded}) {
      KafkaPartitionSplit back = serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
      assertThat(back).isEqualTo(split);
      assertThat(back.splitId()).isEqualTo(split.getTopic() + "-" + split.getPartition());
    }
    assertThat(serializer.getVersion()).isEqualTo(1);
  }

  @Test
  void writesTheDocumentedVersionOneFormat() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    out.writeUTF("t");
    out.writeInt(3);
    out.writeLong(5);
    out.writeLong(Long.MIN_VALUE);

    assertThat(serializer.serialize(new KafkaPartitionSplit(new TopicPartition("t", 3), 5)))
        .isEqualTo(expected.toByteArray());
  }

  @Test
  void refusesAnUnknownVersion() throws IOException {
    byte[] bytes = serializer.serialize(new KafkaPartitionSplit(new TopicPartition("t", 0), 1));

    assertThatThrownBy(() -> serializer.deserialize(2, bytes))
        .isInstanceOf(IOException.class)
        .hasMessage("Unknown version 2 of a Kafka split (this nagare reads version 1)");
  }
}
