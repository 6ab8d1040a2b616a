package io.nagare.connectors.kafka.source.split;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes {@link KafkaPartitionSplit}s into checkpoints. Stateless and thread-safe.
 *
 * <p>Format, version 1 (big-endian, as {@link DataOutput} writes it):
 *
 * <pre>
 *   UTF   topic           (DataOutput.writeUTF: unsigned short length, modified UTF-8 bytes)
 *   int   partition
 *   long  starting offset (the next offset to read)
 *   long  stopping offset (exclusive; Long.MIN_VALUE = unbounded)
 * </pre>
 */
public final class KafkaPartitionSplitSerializer implements SimpleVersionedSerializer<KafkaPartitionSplit> {
  private static final long serialVersionUID = 1L;
  public static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(KafkaPartitionSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + split.getTopic().length());
    DataOutputStream out = new DataOutputStream(bytes);
    write(split, out);
    out.flush();
    return bytes.toByteArray();
  }

  @Override
  public KafkaPartitionSplit deserialize(int version, byte[] serialized) throws IOException {
    checkVersion(version);
    return read(new DataInputStream(new ByteArrayInputStream(serialized)));
  }

  /** Writes {@code split} in the version 1 format; also used inside the enumerator's checkpoint. */
  public static void write(KafkaPartitionSplit split, DataOutput out) throws IOException {
    out.writeUTF(split.getTopic());
    out.writeInt(split.getPartition());
    out.writeLong(split.getStartingOffset());
    out.writeLong(split.getStoppingOffset());
  }

  /** Reads a split written by {@link #write}. */
  public static KafkaPartitionSplit read(DataInput in) throws IOException {
    String topic = in.readUTF();
    int partition = in.readInt();
    long starting = in.readLong();
    long stopping = in.readLong();
    try {
      return new KafkaPartitionSplit(new TopicPartition(topic, partition), starting, stopping);
    } catch (IllegalArgumentException e) {
      throw new IOException("Corrupt Kafka split in checkpoint: " + e.getMessage(), e);
    }
  }

  private static void checkVersion(int version) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown version " + version + " of a Kafka split (this nagare reads version " + VERSION
          + ")");
    }
  }
}
