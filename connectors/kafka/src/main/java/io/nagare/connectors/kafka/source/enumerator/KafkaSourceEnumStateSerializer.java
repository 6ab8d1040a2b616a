package io.nagare.connectors.kafka.source.enumerator;

import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes the {@link KafkaSourceEnumState} into checkpoints. Stateless and thread-safe.
 *
 * <p>Format, version 1 (big-endian, as {@link java.io.DataOutput} writes it):
 *
 * <pre>
 *   int     number of assigned partitions, then per partition (sorted by topic, partition):
 *             UTF topic, int partition
 *   int     number of unassigned splits, then per split: the split in the
 *             {@link KafkaPartitionSplitSerializer} version 1 format
 *   boolean initial discovery finished
 * </pre>
 */
public final class KafkaSourceEnumStateSerializer implements SimpleVersionedSerializer<KafkaSourceEnumState> {
  private static final long serialVersionUID = 1L;
  public static final int VERSION = 1;

  private static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(KafkaSourceEnumState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    List<TopicPartition> assigned = new ArrayList<>(state.assignedPartitions());
    assigned.sort(ORDER);
    out.writeInt(assigned.size());
    for (TopicPartition tp : assigned) {
      out.writeUTF(tp.topic());
      out.writeInt(tp.partition());
    }
    out.writeInt(state.unassignedSplits().size());
    for (KafkaPartitionSplit split : state.unassignedSplits()) {
      KafkaPartitionSplitSerializer.write(split, out);
    }
    out.writeBoolean(state.initialDiscoveryFinished());
    out.flush();
    return bytes.toByteArray();
  }

  @Override
  public KafkaSourceEnumState deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown version " + version + " of a Kafka source enumerator checkpoint (this nagare"
          + " reads version " + VERSION + ")");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
    int assignedCount = in.readInt();
    Set<TopicPartition> assigned = new HashSet<>();
    for (int i = 0; i < assignedCount; i++) {
      assigned.add(new TopicPartition(in.readUTF(), in.readInt()));
    }
    int unassignedCount = in.readInt();
    List<KafkaPartitionSplit> unassigned = new ArrayList<>(unassignedCount);
    for (int i = 0; i < unassignedCount; i++) {
      unassigned.add(KafkaPartitionSplitSerializer.read(in));
    }
    boolean initialDiscoveryFinished = in.readBoolean();
    if (in.available() > 0) {
      throw new IOException("Corrupt Kafka source enumerator checkpoint: " + in.available() + " bytes left over");
    }
    return new KafkaSourceEnumState(assigned, unassigned, initialDiscoveryFinished);
  }
}
