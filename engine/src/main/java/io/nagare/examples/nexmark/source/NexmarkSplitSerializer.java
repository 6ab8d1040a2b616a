package io.nagare.examples.nexmark.source;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Writes splits, alone or as the enumerator's collection of unassigned ones, into checkpoints. Stateless. */
final class NexmarkSplitSerializer {
  private static final int VERSION = 1;

  private NexmarkSplitSerializer() {}

  private static void write(NexmarkSplit split, DataOutputStream out) throws IOException {
    out.writeInt(split.index());
    out.writeInt(split.stride());
    out.writeLong(split.next());
    out.writeLong(split.end());
    out.writeLong(split.seed());
  }

  private static NexmarkSplit read(DataInputStream in) throws IOException {
    return new NexmarkSplit(in.readInt(), in.readInt(), in.readLong(), in.readLong(), in.readLong());
  }

  private static void checkVersion(int version) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown Nexmark split format version " + version);
    }
  }

  /** One split. */
  static final class Single implements SimpleVersionedSerializer<NexmarkSplit> {
    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(NexmarkSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      write(split, new DataOutputStream(bytes));
      return bytes.toByteArray();
    }

    @Override
    public NexmarkSplit deserialize(int version, byte[] serialized) throws IOException {
      checkVersion(version);
      return read(new DataInputStream(new ByteArrayInputStream(serialized)));
    }
  }

  /** The enumerator's checkpoint: the splits not assigned yet. */
  static final class Pending implements SimpleVersionedSerializer<Collection<NexmarkSplit>> {
    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(Collection<NexmarkSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(splits.size());
      for (NexmarkSplit split : splits) {
        write(split, out);
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<NexmarkSplit> deserialize(int version, byte[] serialized) throws IOException {
      checkVersion(version);
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
      int count = in.readInt();
      List<NexmarkSplit> splits = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        splits.add(read(in));
      }
      return splits;
    }
  }
}
