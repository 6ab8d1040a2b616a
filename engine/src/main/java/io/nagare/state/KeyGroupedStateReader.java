package io.nagare.state;

import io.nagare.api.serialization.DataInputView;
import io.nagare.serialization.DataInputViewStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a block written by {@link KeyGroupedStateWriter}: its index first ({@link #readIndex}), then
 * a section's entries of just the key groups asked for, as one contiguous range of the block.
 * Stateless; sections are immutable and read on the caller's thread.
 */
public final class KeyGroupedStateReader {
  private KeyGroupedStateReader() {}

  /** Reads one entry of key group {@code keyGroup} from {@code in}, consuming exactly its bytes. */
  @FunctionalInterface
  public interface EntryReader {
    void read(int keyGroup, DataInputView in) throws IOException;
  }

  /** One section of a block, as its index describes it. */
  public record Section(StateBlock block, String name, byte tag, byte[] schema, int firstKeyGroup, long[] offsets,
      int[] entries) {

    /** The key groups the section holds. */
    public KeyGroupRange range() {
      return new KeyGroupRange(firstKeyGroup, firstKeyGroup + entries.length - 1);
    }

    /** Reads the entries of the section's key groups that {@code range} holds, in key group order. */
    public void read(KeyGroupRange range, EntryReader reader) throws IOException {
      KeyGroupRange wanted = range.intersection(range());
      if (wanted.size() == 0) {
        return;
      }
      int from = wanted.getStartKeyGroup() - firstKeyGroup;
      int to = wanted.getEndKeyGroup() - firstKeyGroup;
      try (DataInputViewStream in = block.open(offsets[from], offsets[to + 1] - offsets[from])) {
        for (int g = from; g <= to; g++) {
          for (int e = entries[g]; e > 0; e--) {
            reader.read(firstKeyGroup + g, in);
          }
        }
        if (in.remaining() != 0) {
          throw new IOException("Section '" + name + "' has " + in.remaining() + " bytes after the entries of key"
              + " groups " + wanted + " that its index counts");
        }
      }
    }
  }

  /**
   * Reads the index of {@code block}, whose first int, {@code version}, the caller has read: {@link
   * KeyGroupedStateWriter#VERSION} or {@link KeyGroupedStateWriter#VERSION_WITHOUT_SCHEMAS} (whose
   * sections get an empty schema).
   */
  public static List<Section> readIndex(StateBlock block, int version) throws IOException {
    if (version != KeyGroupedStateWriter.VERSION && version != KeyGroupedStateWriter.VERSION_WITHOUT_SCHEMAS) {
      throw new IOException("Key-grouped block of version " + version + " cannot be read; this version reads "
          + KeyGroupedStateWriter.VERSION_WITHOUT_SCHEMAS + " and " + KeyGroupedStateWriter.VERSION);
    }
    long length = block.length();
    long index;
    try (DataInputViewStream in = block.open(length - 8, 8)) {
      index = in.readLong();
    }
    if (index < 4 || index > length - 8) {
      throw new IOException("Malformed key-group index position " + index + " in a block of " + length + " bytes");
    }
    try (DataInputViewStream in = block.open(index, length - 8 - index)) {
      int count = in.readInt();
      List<Section> sections = new ArrayList<>(count);
      for (int s = 0; s < count; s++) {
        String name = in.readUTF();
        byte tag = in.readByte();
        byte[] schema = new byte[version == KeyGroupedStateWriter.VERSION ? in.readInt() : 0];
        if (schema.length > in.remaining()) {
          throw new IOException("Malformed key-group index: a serializer snapshot of " + schema.length + " bytes");
        }
        in.readFully(schema);
        int first = in.readInt();
        int groups = in.readInt();
        long[] offsets = new long[groups + 1];
        for (int g = 0; g <= groups; g++) {
          offsets[g] = in.readLong();
        }
        int[] entries = new int[groups];
        for (int g = 0; g < groups; g++) {
          entries[g] = in.readInt();
        }
        sections.add(new Section(block, name, tag, schema, first, offsets, entries));
      }
      return sections;
    }
  }
}
