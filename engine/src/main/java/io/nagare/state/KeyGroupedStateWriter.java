package io.nagare.state;

import io.nagare.api.serialization.DataOutputView;
import io.nagare.serialization.DataOutputViewStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams sections of entries, key group by key group, into a block with a key-group index at its
 * end, so that a restore reads the index and then only the byte ranges of the key groups it owns
 * ({@link KeyGroupedStateReader}); nothing is held in memory but the index. The format (version
 * {@value #VERSION}; positions are relative to the block's first byte):
 *
 * <pre>
 * int version (3)
 * the sections' entries, back to back: per section, per key group of its range in order, its entries
 * index:  int number of sections; per section: UTF name, byte tag, int length s and s bytes of the
 *         section's serializer snapshot (s may be 0), int first key group, int number of key groups
 *         g, then g + 1 longs (the position of each key group's first entry, and the section's end),
 *         then g ints (each key group's number of entries)
 * long    the index's position
 * </pre>
 *
 * Version 2 is the same without the serializer snapshots; {@link KeyGroupedStateReader} reads both.
 * Keyed state snapshots use it with a section per state (tag: the state's kind; serializer snapshot:
 * a {@link StateSchema}), timers with a section per time domain. What an entry is belongs to the
 * section's user. One owner thread.
 */
public final class KeyGroupedStateWriter {
  /** The format's version, its first int. */
  public static final int VERSION = 3;
  /** The version before serializer snapshots, still read. */
  public static final int VERSION_WITHOUT_SCHEMAS = 2;

  private final DataOutputViewStream out;
  private final long base;
  private final List<Section> sections = new ArrayList<>();
  private Section current;

  /** Starts a block at {@code out}'s current position. */
  public KeyGroupedStateWriter(DataOutputViewStream out) throws IOException {
    this.out = out;
    this.base = out.position();
    out.writeInt(VERSION);
  }

  /** Where the current section's entries go. */
  public DataOutputView out() {
    return out;
  }

  /** Starts a section of entries of the key groups {@code range}, which then start one by one. */
  public void startSection(String name, byte tag, KeyGroupRange range) {
    startSection(name, tag, new byte[0], range);
  }

  /**
   * Starts a section of entries of the key groups {@code range}, with the snapshot of the
   * serializers that write them.
   */
  public void startSection(String name, byte tag, byte[] schema, KeyGroupRange range) {
    closeSection();
    current = new Section(name, tag, schema, range.getStartKeyGroup(), new long[range.size() + 1],
        new int[range.size()]);
  }

  /** Starts the next key group of the current section; it must be the one after the last started. */
  public void startKeyGroup(int keyGroup) {
    int index = keyGroup - current.firstKeyGroup;
    if (index != current.started || index >= current.entries.length) {
      throw new IllegalStateException("Key group " + keyGroup + " out of order in section '" + current.name + "'");
    }
    current.offsets[index] = out.position() - base;
    current.started++;
  }

  /** Counts an entry the caller has just written to {@link #out()} for the current key group. */
  public void entryWritten() {
    current.entries[current.started - 1]++;
  }

  private void closeSection() {
    if (current == null) {
      return;
    }
    long end = out.position() - base;
    for (int i = current.started; i <= current.entries.length; i++) {
      current.offsets[i] = end;
    }
    sections.add(current);
    current = null;
  }

  /** Ends the block with its index. */
  public void finish() throws IOException {
    closeSection();
    long index = out.position() - base;
    out.writeInt(sections.size());
    for (Section s : sections) {
      out.writeUTF(s.name);
      out.writeByte(s.tag);
      out.writeInt(s.schema.length);
      out.write(s.schema);
      out.writeInt(s.firstKeyGroup);
      out.writeInt(s.entries.length);
      for (long offset : s.offsets) {
        out.writeLong(offset);
      }
      for (int entries : s.entries) {
        out.writeInt(entries);
      }
    }
    out.writeLong(index);
  }

  private static final class Section {
    final String name;
    final byte tag;
    final byte[] schema;
    final int firstKeyGroup;
    final long[] offsets;
    final int[] entries;
    int started;

    Section(String name, byte tag, byte[] schema, int firstKeyGroup, long[] offsets, int[] entries) {
      this.name = name;
      this.tag = tag;
      this.schema = schema;
      this.firstKeyGroup = firstKeyGroup;
      this.offsets = offsets;
      this.entries = entries;
    }
  }
}
