package io.nagare.connectors.kafka.sink;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes {@link KafkaWriterState}s into checkpoints. Version 1: the prefix as UTF-8 bytes, nothing else. */
final class KafkaWriterStateSerializer implements SimpleVersionedSerializer<KafkaWriterState> {
  private static final long serialVersionUID = 1L;
  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(KafkaWriterState state) {
    return state.transactionalIdPrefix().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public KafkaWriterState deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown version " + version + " of a Kafka sink writer state (this nagare reads version " + VERSION + ")");
    }
    return new KafkaWriterState(new String(serialized, StandardCharsets.UTF_8));
  }
}
