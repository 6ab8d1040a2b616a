package io.nagare.state.rocksdb;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.serialization.schema.SerializerSchema;
import io.nagare.state.KeyGroupedStateWriter;
import io.nagare.api.state.StateDescriptor;
import io.nagare.fs.HadoopFileSystems;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupedTimerStore;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.SnapshotTarget;
import io.nagare.state.StateSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.StringAppendOperator;

/**
 * A RocksDB checkpoint (hard links to the database's immutable files, taken on the subtask's
 * thread) being written out by the checkpoint I/O thread, which never touches the live database.
 *
 * <p>For a checkpoint it writes RocksDB's own files, incrementally: SST files that the latest
 * completed checkpoint already uploaded to the job's shared directory are referenced, new ones
 * that {@link AheadUploads} already uploaded are adopted, the rest are uploaded, and the small files that describe the database (MANIFEST, CURRENT, OPTIONS)
 * are written inline. Format, after the int {@link KeyedStateSnapshot#ROCKSDB_FILES_FORMAT}:
 *
 * <pre>
 * int version (2), int first key group, int last key group,
 * int states, per state: UTF name (its column family), byte kind (StateDescriptor.Kind ordinal),
 *                        int length s, s bytes of its serializer snapshot ({@code StateSchema}; s may be 0),
 * int shared files, per file: UTF local name, UTF full path, long size,
 * int inline files, per file: UTF local name, int length, bytes
 * </pre>
 *
 * Version 1 is the same without serializer snapshots (still read: its states are read with the
 * present serializers). For a savepoint (or with incremental checkpoints off) it opens the checkpoint read-only and writes the canonical format of {@code
 * HeapKeyedStateBackend#snapshot} (leaving out expired time-to-live values), and the timers of the
 * timer column families as a timers block ({@link #writeTimers}), so any backend
 * restores it. Released exactly once, which deletes the local hard links.
 */
final class RocksSnapshot implements KeyedStateSnapshot {
  static final int VERSION = 2;
  static final int VERSION_WITHOUT_SCHEMAS = 1;

  /**
   * A state's name, kind and serializer snapshot; its value codec and time-to-live filter if it has
   * them (a state restored but not registered has none).
   */
  record StateInfo(String name, StateDescriptor.Kind kind, byte[] schema, ValueCodec codec,
      UnaryOperator<Object> ttlFilter) {}

  /** Reads a state's RocksDB bytes and writes values in the canonical format; private serializer copies. */
  interface ValueCodec {
    Object decode(byte[] bytes) throws IOException;

    byte[] canonical(Object value) throws IOException;
  }

  /** A file in the job's shared directory. */
  record RemoteFile(String path, long size) {}

  private final long checkpointId;
  private final Path local;
  private final KeyGroupRange range;
  private final List<StateInfo> states;
  private final Map<String, RemoteFile> confirmed;
  private final BiConsumer<Long, Map<String, RemoteFile>> onUploaded;
  private final boolean canonical;
  private final AheadUploads aheadUploads;
  /** Set by {@link #write} when it wrote the canonical format, which leaves the timers to {@link #writeTimers}. */
  private boolean wroteCanonical;

  RocksSnapshot(long checkpointId, Path local, KeyGroupRange range, List<StateInfo> states,
      Map<String, RemoteFile> confirmed, BiConsumer<Long, Map<String, RemoteFile>> onUploaded, boolean canonical,
      AheadUploads aheadUploads) {
    this.aheadUploads = aheadUploads;
    this.canonical = canonical;
    this.checkpointId = checkpointId;
    this.local = local;
    this.range = range;
    this.states = states;
    this.confirmed = confirmed;
    this.onUploaded = onUploaded;
  }

  @Override
  public void write(DataOutputViewStream out, SnapshotTarget target) throws IOException {
    if (canonical || target.isSavepoint()) {
      wroteCanonical = true;
      writeCanonical(out);
    } else {
      writeFiles(out, target);
    }
  }

  /**
   * After a canonical {@link #write}, the timers in the database's timer column families as a timers
   * block of the format the heap timer service writes ({@code InternalTimerService#snapshot}: sections
   * {@code event}, tag 0, and {@code processing}, tag 1, each entry a long timestamp, the key and the
   * namespace, with the serializer snapshot the timer service registered), so any backend and timer
   * service restore them and judge their types; nothing if there are none or if the
   * files were written, which hold the timers themselves.
   */
  @Override
  public void writeTimers(DataOutputViewStream out, SnapshotTarget target) throws IOException {
    List<String> domains = List.of(KeyGroupedTimerStore.EVENT_TIME, KeyGroupedTimerStore.PROCESSING_TIME);
    int[] families = domains.stream().mapToInt(d -> indexOf(RocksTimerStore.familyName(d))).toArray();
    if (!wroteCanonical || Arrays.stream(families).allMatch(i -> i < 0)) {
      return;
    }
    readCheckpoint(iterators -> {
      KeyGroupedStateWriter writer = new KeyGroupedStateWriter(out);
      for (int d = 0; d < domains.size(); d++) {
        writer.startSection(domains.get(d), (byte) d, families[d] < 0 ? new byte[0] : states.get(families[d]).schema(),
            range);
        try (RocksIterator it = families[d] < 0 ? null : iterators.open(families[d])) {
          for (int keyGroup = range.getStartKeyGroup(); keyGroup <= range.getEndKeyGroup(); keyGroup++) {
            writer.startKeyGroup(keyGroup);
            byte[] prefix = RocksDBKeyedStateBackend.keyGroupPrefix(keyGroup);
            for (seek(it, prefix); it != null && it.isValid() && RocksDBKeyedStateBackend.startsWith(it.key(), prefix);
                it.next()) {
              KeyGroupedTimerStore.Entry timer = RocksTimerStore.entryOf(it.key());
              writer.out().writeLong(timer.timestamp());
              writer.out().write(timer.keyAndNamespace());
              writer.entryWritten();
            }
          }
        }
      }
      writer.finish();
    });
  }

  private static void seek(RocksIterator it, byte[] prefix) {
    if (it != null) {
      it.seek(prefix);
    }
  }

  /** The index of state {@code name} in {@link #states}, or -1. */
  private int indexOf(String name) {
    for (int i = 0; i < states.size(); i++) {
      if (states.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void release() {
    RocksDBKeyedStateBackend.deleteRecursively(local);
  }

  private void writeFiles(DataOutputView out, SnapshotTarget target) throws IOException {
    if (aheadUploads != null) {
      aheadUploads.useTarget(target);
    }
    Path db = local.resolve("db");
    Map<String, RemoteFile> shared = new LinkedHashMap<>();
    List<Path> inline = new ArrayList<>();
    try (Stream<Path> files = Files.list(db)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".sst")) {
          inline.add(file);
          continue;
        }
        RemoteFile previous = confirmed.get(name);
        if (previous != null && target.isShared(previous.path())) {
          target.reference(previous.path(), previous.size());
          shared.put(name, previous);
        } else {
          RemoteFile ahead = aheadUploads == null ? null : aheadUploads.claim(name);
          if (ahead != null) {
            target.adopt(ahead.path(), ahead.size());
            shared.put(name, ahead);
          } else {
            shared.put(name, new RemoteFile(target.upload(file), Files.size(file)));
          }
        }
      }
    }
    out.writeInt(ROCKSDB_FILES_FORMAT);
    out.writeInt(VERSION);
    out.writeInt(range.getStartKeyGroup());
    out.writeInt(range.getEndKeyGroup());
    out.writeInt(states.size());
    for (StateInfo s : states) {
      out.writeUTF(s.name());
      out.writeByte(s.kind().ordinal());
      out.writeInt(s.schema().length);
      out.write(s.schema());
    }
    out.writeInt(shared.size());
    for (Map.Entry<String, RemoteFile> e : shared.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue().path());
      out.writeLong(e.getValue().size());
    }
    out.writeInt(inline.size());
    for (Path file : inline) {
      byte[] bytes = Files.readAllBytes(file);
      out.writeUTF(file.getFileName().toString());
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    onUploaded.accept(checkpointId, shared);
  }

  /** What runs on the read-only checkpoint, given a way to open an iterator of each state. */
  private interface CheckpointReader {
    void read(Iterators iterators) throws IOException;
  }

  /** Opens an iterator over the state of an index of {@link #states}. */
  private interface Iterators {
    RocksIterator open(int stateIndex);
  }

  /** Opens the checkpoint read-only for {@code reader}, closing it afterwards. */
  private void readCheckpoint(CheckpointReader reader) throws IOException {
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (StringAppendOperator append = new StringAppendOperator(RocksDBKeyedStateBackend.LIST_DELIMITER);
        ColumnFamilyOptions families = new ColumnFamilyOptions().setMergeOperator(append);
        DBOptions options = new DBOptions();
        RocksDB db = RocksDB.openReadOnly(options, local.resolve("db").toString(),
            RocksDBKeyedStateBackend.familyDescriptors(states.stream().map(StateInfo::name).toList(), families),
            handles)) {
      reader.read(i -> db.newIterator(handles.get(i + 1)));
    } catch (RocksDBException e) {
      throw new IOException("Cannot read the RocksDB checkpoint in " + local + ": " + e.getMessage(), e);
    } finally {
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  /** The canonical format of every state but the timers (see {@link #writeTimers}). */
  private void writeCanonical(DataOutputViewStream out) throws IOException {
    readCheckpoint(handles -> {
      KeyGroupedStateWriter writer = new KeyGroupedStateWriter(out);
      for (int i = 0; i < states.size(); i++) {
        StateInfo s = states.get(i);
        if (RocksTimerStore.domainOf(s.name()) != null) {
          continue;
        }
        writer.startSection(s.name(), (byte) s.kind().ordinal(), s.schema(), range);
        try (RocksIterator it = handles.open(i)) {
          for (int keyGroup = range.getStartKeyGroup(); keyGroup <= range.getEndKeyGroup(); keyGroup++) {
            byte[] prefix = RocksDBKeyedStateBackend.keyGroupPrefix(keyGroup);
            writer.startKeyGroup(keyGroup);
            for (it.seek(prefix); it.isValid() && RocksDBKeyedStateBackend.startsWith(it.key(), prefix); it.next()) {
              byte[] value = canonicalValue(s, it.value());
              if (value == null) {
                continue;
              }
              byte[] key = it.key();
              writer.out().write(key, 2, key.length - 2);
              writer.out().write(value);
              writer.entryWritten();
            }
          }
        }
      }
      writer.finish();
    });
  }

  /**
   * The canonical bytes of one stored value, leaving out what has expired (null if all has). A
   * list is stored in RocksDB's own append format and converted; a state restored but never
   * registered has no codec, so its values are converted without one (and not filtered), a list's
   * elements with the null marker of the list serializer unless its serializer snapshot says they
   * are of a generic type, whose format carries its own.
   */
  private static byte[] canonicalValue(StateInfo s, byte[] raw) throws IOException {
    if (s.codec() == null) {
      return s.kind() == StateDescriptor.Kind.LIST ? RocksState.Lists.toCanonical(raw, markedElements(s.schema())) : raw;
    }
    if (s.ttlFilter() == null && s.kind() != StateDescriptor.Kind.LIST) {
      return raw;
    }
    Object value = s.codec().decode(raw);
    Object kept = s.ttlFilter() == null ? value : s.ttlFilter().apply(value);
    return kept == null ? null : s.codec().canonical(kept);
  }

  /** Whether the list serializer of the state of serializer snapshot {@code schema} writes a null marker per element. */
  private static boolean markedElements(byte[] schema) throws IOException {
    StateSchema written = StateSchema.fromBytes(schema);
    if (written == null || written.value().kind() != SerializerSchema.Kind.LIST) {
      return true;
    }
    return written.value().members().get(0).schema().kind() != SerializerSchema.Kind.KRYO;
  }

  /** What a checkpoint of RocksDB's files holds: read back by {@link #readHandle}. */
  record Handle(KeyGroupRange range, Map<String, StateDescriptor.Kind> states, Map<String, byte[]> schemas,
      Map<String, RemoteFile> sharedFiles, Map<String, byte[]> inlineFiles) {

    /** Puts every file of the database into {@code directory}. */
    void download(Path directory) throws IOException {
      for (Map.Entry<String, RemoteFile> e : sharedFiles.entrySet()) {
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(e.getValue().path());
        FileSystem fs = HadoopFileSystems.of(remote);
        if (fs instanceof ChecksumFileSystem checksummed) {
          fs = checksummed.getRawFileSystem();
        }
        try (FSDataInputStream in = fs.open(remote)) {
          Files.copy(in, directory.resolve(e.getKey()));
        }
      }
      for (Map.Entry<String, byte[]> e : inlineFiles.entrySet()) {
        Files.write(directory.resolve(e.getKey()), e.getValue());
      }
    }
  }

  /** Reads what {@link #writeFiles} wrote, after its first int. */
  static Handle readHandle(DataInputView in) throws IOException {
    int version = in.readInt();
    if (version != VERSION && version != VERSION_WITHOUT_SCHEMAS) {
      throw new IOException("RocksDB checkpoint version " + version + " cannot be read"
          + (version > VERSION ? " (written by a later version of nagare)" : "") + "; this version reads "
          + VERSION_WITHOUT_SCHEMAS + " and " + VERSION);
    }
    KeyGroupRange range = new KeyGroupRange(in.readInt(), in.readInt());
    Map<String, StateDescriptor.Kind> states = new LinkedHashMap<>();
    Map<String, byte[]> schemas = new HashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      String name = in.readUTF();
      states.put(name, StateDescriptor.Kind.values()[in.readByte()]);
      if (version == VERSION) {
        byte[] schema = new byte[in.readInt()];
        in.readFully(schema);
        schemas.put(name, schema);
      }
    }
    Map<String, RemoteFile> shared = new HashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      shared.put(in.readUTF(), new RemoteFile(in.readUTF(), in.readLong()));
    }
    Map<String, byte[]> inline = new HashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      String name = in.readUTF();
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      inline.put(name, bytes);
    }
    return new Handle(range, states, schemas, shared, inline);
  }
}
