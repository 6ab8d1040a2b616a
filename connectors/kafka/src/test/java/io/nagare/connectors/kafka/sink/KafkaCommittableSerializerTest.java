package io.nagare.connectors.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class KafkaCommittableSerializerTest {
  private final KafkaCommittableSerializer serializer = new KafkaCommittableSerializer();

  @Test
  void writesTheDocumentedVersionOneFormat() throws IOException {
    byte[] bytes = serializer.serialize(new KafkaCommittable("ab-0-1", 258L, (short) 3));

    assertThat(serializer.getVersion()).isEqualTo(1);
    assertThat(bytes).containsExactly(
        0, 0, 0, 6, 'a', 'b', '-', '0', '-', '1',
        0, 0, 0, 0, 0, 0, 1, 2,
        0, 3);
    assertThat(serializer.deserialize(1, bytes)).isEqualTo(new KafkaCommittable("ab-0-1", 258L, (short) 3));
  }

  @Test
  void refusesUnknownVersionsAndCorruptBytes() {
    assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessage("Unknown version 2 of a Kafka sink committable (this nagare reads version 1)");
    assertThatThrownBy(() -> serializer.deserialize(1, new byte[] {0, 0, 0, 1, 'a'}))
        .isInstanceOf(IOException.class)
        .hasMessage("Corrupt Kafka sink committable: 5 bytes are too few");
  }

  @Test
  void writerStatesKeepTheirPrefix() throws IOException {
    KafkaWriterStateSerializer states = new KafkaWriterStateSerializer();
    assertThat(states.deserialize(1, states.serialize(new KafkaWriterState("orders"))))
        .isEqualTo(new KafkaWriterState("orders"));
  }
}
