package io.nagare.state;

import io.nagare.api.state.StateDescriptor;
import io.nagare.serialization.DataInputDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyed state of snapshots in the canonical format that no state has claimed yet: a backend learns a
 * state's namespace and value serializers only when the operator registers it, so until then it keeps,
 * per state name, where its entries are. From a block of the indexed format ({@link
 * KeyGroupedStateWriter}) it keeps only the sections that hold key groups of its range, and reads
 * their entries of its key groups when claimed; a block of the earlier format (version {@link
 * KeyedStateSnapshot#CANONICAL_FORMAT_V1}, no index) is read whole and its entries of every key group
 * are passed on. Each section of the current format carries its state's serializer snapshot ({@link
 * StateSchema}), which the claiming backend judges against its serializers; sections of earlier
 * formats carry none, and are read with the present serializers, as before. Owned by the backend's
 * (the subtask's) thread.
 */
public final class RestoredKeyedState {
  private final KeyGroupRange range;
  private final Map<String, Byte> kinds = new HashMap<>();
  private final Map<String, List<Source>> sources = new HashMap<>();

  /** Where one snapshot's entries of one state are, and how they were serialised (empty: not recorded). */
  private record Source(byte[] schema, Entries entries) {}

  private interface Entries {
    void read(KeyGroupRange range, KeyGroupedStateReader.EntryReader reader) throws IOException;
  }

  /** Makes the reader of a state's entries from the snapshot of their serializers. */
  @FunctionalInterface
  public interface ReaderFactory {
    /** @param schema how the entries were written; null if the checkpoint did not record it */
    KeyGroupedStateReader.EntryReader readerFor(StateSchema schema) throws IOException;
  }

  public RestoredKeyedState(KeyGroupRange range) {
    this.range = range;
  }

  /**
   * Takes in the states of a canonical snapshot, whose first int, {@code version}, the caller has
   * read (to tell a backend's own formats apart).
   *
   * @throws IOException if {@code block} is of another format
   */
  public void add(StateBlock block, int version) throws IOException {
    if (version == KeyedStateSnapshot.CANONICAL_FORMAT || version == KeyedStateSnapshot.CANONICAL_FORMAT_V2) {
      for (KeyGroupedStateReader.Section section : KeyGroupedStateReader.readIndex(block, version)) {
        if (section.range().intersection(range).size() > 0) {
          put(section.name(), section.tag(), new Source(section.schema(), section::read));
        }
      }
    } else if (version == KeyedStateSnapshot.CANONICAL_FORMAT_V1) {
      addUnindexed(new DataInputDeserializer(block.readAll()));
    } else {
      throw new IOException("Keyed state snapshot version " + version + " cannot be read"
          + (version > KeyedStateSnapshot.CANONICAL_FORMAT ? " (written by a later version of nagare?)" : "")
          + "; this version reads " + KeyedStateSnapshot.CANONICAL_FORMAT_V1 + " to " + KeyedStateSnapshot.CANONICAL_FORMAT);
    }
  }

  /**
   * Version 1: int 1, int number of states; per state: UTF name, byte kind, int length of the rest,
   * int number of key groups, per key group: int key group, int entries, the entries.
   */
  private void addUnindexed(DataInputDeserializer in) throws IOException {
    in.readInt();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      byte kind = in.readByte();
      byte[] section = new byte[in.readInt()];
      in.readFully(section);
      put(name, kind, new Source(new byte[0], (wanted, reader) -> {
        DataInputDeserializer entries = new DataInputDeserializer(section);
        for (int groups = entries.readInt(); groups > 0; groups--) {
          int keyGroup = entries.readInt();
          for (int e = entries.readInt(); e > 0; e--) {
            reader.read(keyGroup, entries);
          }
        }
      }));
    }
  }

  private void put(String name, byte kind, Source source) {
    sources.computeIfAbsent(name, n -> new ArrayList<>()).add(source);
    kinds.put(name, kind);
  }

  /** True once every restored state has been claimed (or none was restored). */
  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /**
   * Hands the restored entries of state {@code name}, now registered as {@code kind}, to the reader
   * {@code readers} makes for their serializer snapshot, and forgets them. The reader may be given
   * entries of key groups outside this backend's range (from the earlier format) and must drop those.
   *
   * @throws IllegalStateException if the state was restored as another kind
   */
  public void claim(String name, StateDescriptor.Kind kind, ReaderFactory readers) throws IOException {
    List<Source> claimed = sources.remove(name);
    if (claimed == null) {
      return;
    }
    byte restoredKind = kinds.remove(name);
    if (restoredKind != kind.ordinal()) {
      throw new IllegalStateException("Restored keyed state '" + name + "' was "
          + StateDescriptor.Kind.values()[restoredKind] + " state; it is now registered as " + kind + " state");
    }
    byte[] schema = null;
    KeyGroupedStateReader.EntryReader reader = null;
    for (Source source : claimed) {
      if (reader == null || !java.util.Arrays.equals(schema, source.schema())) {
        schema = source.schema();
        reader = readers.readerFor(StateSchema.fromBytes(schema));
      }
      source.entries().read(range, reader);
    }
  }
}
