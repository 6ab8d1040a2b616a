package io.nagare.connectors.kafka.sink;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link KafkaCommittable}s into checkpoints. Version 1, big-endian:
 *
 * <pre>
 * int    length of the transactional id in bytes (n)
 * byte[n] transactional id, UTF-8
 * long   producer id
 * short  producer epoch
 * </pre>
 */
final class KafkaCommittableSerializer implements SimpleVersionedSerializer<KafkaCommittable> {
  private static final long serialVersionUID = 1L;
  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(KafkaCommittable c) throws IOException {
    byte[] id = c.transactionalId().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + id.length + 8 + 2);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(id.length);
      out.write(id);
      out.writeLong(c.producerId());
      out.writeShort(c.epoch());
    }
    return bytes.toByteArray();
  }

  @Override
  public KafkaCommittable deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown version " + version + " of a Kafka sink committable (this nagare reads version " + VERSION + ")");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      int length = in.readInt();
      if (length < 0 || length > serialized.length) {
        throw new IOException("Corrupt Kafka sink committable: transactional id of " + length + " bytes");
      }
      byte[] id = in.readNBytes(length);
      long producerId = in.readLong();
      short epoch = in.readShort();
      if (in.available() != 0) {
        throw new IOException("Corrupt Kafka sink committable: " + in.available() + " bytes after its end");
      }
      return new KafkaCommittable(new String(id, StandardCharsets.UTF_8), producerId, epoch);
    } catch (java.io.EOFException e) {
      throw new IOException("Corrupt Kafka sink committable: " + serialized.length + " bytes are too few", e);
    }
  }
}
