package io.nagare.state.rocksdb;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.LongSerializer;
import io.nagare.serialization.SerializerFactory;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyGroupedTimerStore;
import io.nagare.state.KeyedStateBackend;
import io.nagare.state.KeyedStateFunction;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.RestoredKeyedState;
import io.nagare.state.SharedUploader;
import io.nagare.state.StateBlock;
import io.nagare.state.VoidNamespace;
import io.nagare.state.StateSchema;
import io.nagare.state.VoidNamespaceSerializer;
import io.nagare.state.ttl.TtlContext;
import io.nagare.state.ttl.TtlStates;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ObjIntConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.StringAppendOperator;
import org.rocksdb.WriteOptions;

/**
 * Keyed state in an embedded RocksDB, one column family per state. A RocksDB key is the key group
 * (2 bytes, big-endian) followed by the serialised key and namespace, so key groups are contiguous
 * ranges that can be split or merged when the parallelism changes; the value is the serialised
 * stored value (the value, the whole list, the whole map or the accumulator, as on the heap).
 *
 * <p>Snapshots start on the subtask's thread with a RocksDB checkpoint (flush, then hard links to
 * the immutable files) and are written by the checkpoint I/O thread from that copy ({@link
 * RocksSnapshot}): incremental checkpoints upload only new SST files; savepoints (and checkpoints
 * when incremental checkpoints are off) use the canonical format of the heap backend (see {@code
 * HeapKeyedStateBackend#snapshot}), so state taken on either backend restores on the other.
 *
 * <p>Owned by the subtask's thread; the database lives in a fresh directory under the configured
 * local directory and is deleted on {@link #close()}.
 */
public final class RocksDBKeyedStateBackend<K> implements KeyedStateBackend<K> {
  /**
   * Point lookups dominate keyed state access, and most lookups of new keys miss: a Bloom filter
   * per SST file answers those without reading data blocks, and a block cache keeps hot blocks.
   */
  private static final long BLOCK_CACHE_BYTES = 64L << 20;
  /**
   * Small memtables are flushed in the background as they fill, so the flush a checkpoint waits
   * for on the subtask's thread holds little (8 MB measured best on W3 once compactions run at low
   * CPU priority; with normal priority the extra compactions cost throughput).
   */
  private static final long WRITE_BUFFER_BYTES = 8L << 20;
  /** The byte RocksDB's string-append merge operator puts between the elements added to a list. */
  static final char LIST_DELIMITER = ',';
  /** Entries of each state that one step of the periodic time-to-live scan examines. */
  static final int SCAN_STEP_ENTRIES = 1_000;
  static {
    RocksDB.loadLibrary();
    // Compactions yield the CPU to subtasks and flushes: a checkpoint waits for a flush, never a compaction.
    org.rocksdb.Env.getDefault().lowerThreadPoolCPUPriority(org.rocksdb.Priority.LOW);
  }

  private final TypeSerializer<K> keySerializer;
  private final int numberOfKeyGroups;
  private final KeyGroupRange range;
  private final Path localDirectory;
  private final boolean incremental;
  /** Whether the operator's timers stay on the heap ({@code timer-service.factory: heap}), not in column families. */
  private final boolean timersOnHeap;
  private final Path instanceDirectory;
  private final Path dbDirectory;
  private final DBOptions options;
  /** This instance's own block cache, or null if it uses the process's managed memory. */
  private final LRUCache blockCache;
  private final BloomFilter bloomFilter = new BloomFilter(10);
  private final ColumnFamilyOptions familyOptions;
  private final StringAppendOperator listAppend = new StringAppendOperator(LIST_DELIMITER);
  private final AheadUploads aheadUploads;
  private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
  private RocksDB db;
  private ColumnFamilyHandle defaultFamily;
  /** Column families by state name, and the kind of state each holds, in order of creation. */
  private final Map<String, ColumnFamilyHandle> families = new LinkedHashMap<>();
  private final Map<String, StateDescriptor.Kind> kinds = new LinkedHashMap<>();
  private final Map<String, RocksState<K, ?, ?>> states = new LinkedHashMap<>();
  private final TtlStates.Registry ttlStates = new TtlStates.Registry();
  /** Restored canonical state not yet claimed by a registration. */
  private final RestoredKeyedState restored;
  /**
   * Serializer snapshots: of each registered state (taken at registration), and of each state
   * restored from RocksDB's files (until it registers and is judged; unregistered, it is carried on).
   */
  private final Map<String, byte[]> schemas = new HashMap<>();
  private final Map<String, byte[]> restoredSchemas = new HashMap<>();
  private String owner = "this operator";
  /** Shared files of the latest completed checkpoint, by local SST file name: a new checkpoint reuses them. */
  private Map<String, RocksSnapshot.RemoteFile> confirmedFiles = Map.of();
  /** Shared files of written, not yet completed checkpoints; filled by the checkpoint I/O thread. */
  private final Map<Long, Map<String, RocksSnapshot.RemoteFile>> uploaded = new ConcurrentHashMap<>();
  private final DataOutputSerializer keyBuffer = new DataOutputSerializer(64);
  private LongSupplier ttlClock = System::currentTimeMillis;
  /** States with a time-to-live that the periodic scan visits, with the filters that drop expired values. */
  private final Map<String, UnaryOperator<Object>> scanned = new LinkedHashMap<>();
  private long scanIntervalMillis = Long.MAX_VALUE;
  private boolean scanScheduled;
  private boolean closed;
  private CleanupScheduler cleanupScheduler;
  private K currentKey;
  private int currentKeyGroup = -1;
  private byte[] currentKeyBytes;

  /**
   * Opens an empty database in a new directory under {@code localDirectory} (created if missing).
   *
   * @throws IllegalStateException naming the directory if the database cannot be created there
   */
  public RocksDBKeyedStateBackend(TypeSerializer<K> keySerializer, int numberOfKeyGroups, KeyGroupRange range,
      File localDirectory, boolean incremental) {
    this(keySerializer, numberOfKeyGroups, range, localDirectory, incremental, null, false);
  }

  /**
   * Opens an empty database in a new directory under {@code localDirectory} (created if missing),
   * its block cache and write buffers within {@code memory} (shared with the process's other
   * instances), or with a {@value #BLOCK_CACHE_BYTES}-byte block cache of its own if that is null.
   *
   * Timers are kept in the database ({@link #timerStore}) unless {@code timersOnHeap}.
   *
   * @throws IllegalStateException naming the directory if the database cannot be created there
   */
  public RocksDBKeyedStateBackend(TypeSerializer<K> keySerializer, int numberOfKeyGroups, KeyGroupRange range,
      File localDirectory, boolean incremental, RocksDBMemory memory, boolean timersOnHeap) {
    this.incremental = incremental;
    this.timersOnHeap = timersOnHeap;
    this.keySerializer = keySerializer;
    this.numberOfKeyGroups = numberOfKeyGroups;
    this.range = range;
    this.restored = new RestoredKeyedState(range);
    this.localDirectory = localDirectory.toPath();
    this.aheadUploads = incremental ? new AheadUploads() : null;
    this.options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
        .setMaxManifestFileSize(4L << 20);
    if (aheadUploads != null) {
      options.setListeners(List.of(aheadUploads));
    }
    BlockBasedTableConfig table = new BlockBasedTableConfig().setFilterPolicy(bloomFilter);
    if (memory == null) {
      blockCache = new LRUCache(BLOCK_CACHE_BYTES);
      table.setBlockCache(blockCache);
    } else {
      blockCache = null;
      table.setBlockCache(memory.cache()).setCacheIndexAndFilterBlocks(true)
          .setCacheIndexAndFilterBlocksWithHighPriority(true).setPinTopLevelIndexAndFilter(true);
      options.setWriteBufferManager(memory.writeBuffers());
    }
    this.familyOptions = new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setMergeOperator(listAppend);
    try {
      Files.createDirectories(this.localDirectory);
      this.instanceDirectory = Files.createTempDirectory(this.localDirectory, "nagare-rocksdb-");
      this.dbDirectory = instanceDirectory.resolve("db");
      openDatabase(Map.of());
    } catch (IOException | RocksDBException e) {
      options.close();
      familyOptions.close();
      listAppend.close();
      bloomFilter.close();
      if (blockCache != null) {
        blockCache.close();
      }
      throw new IllegalStateException("Cannot open RocksDB under " + localDirectory + ": " + e.getMessage(), e);
    }
  }

  /** The default column family and one per state name, all with {@code options} (which must merge lists). */
  static List<ColumnFamilyDescriptor> familyDescriptors(Iterable<String> names, ColumnFamilyOptions options) {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options));
    for (String name : names) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), options));
    }
    return descriptors;
  }

  private void openDatabase(Map<String, StateDescriptor.Kind> existing) throws RocksDBException {
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    db = RocksDB.open(options, dbDirectory.toString(), familyDescriptors(existing.keySet(), familyOptions), opened);
    defaultFamily = opened.get(0);
    int i = 1;
    for (Map.Entry<String, StateDescriptor.Kind> e : existing.entrySet()) {
      families.put(e.getKey(), opened.get(i++));
      kinds.put(e.getKey(), e.getValue());
    }
  }

  private void closeDatabase() {
    families.values().forEach(ColumnFamilyHandle::close);
    families.clear();
    kinds.clear();
    defaultFamily.close();
    db.close();
  }

  /** The column family of state {@code name}, created if new; a restored one must hold the same kind of state. */
  private ColumnFamilyHandle family(String name, StateDescriptor.Kind kind) throws RocksDBException {
    ColumnFamilyHandle family = families.get(name);
    if (family != null) {
      if (kinds.get(name) != kind) {
        throw new IllegalStateException("Restored keyed state '" + name + "' was " + kinds.get(name)
            + " state; it is now registered as " + kind + " state");
      }
      return family;
    }
    family = db.createColumnFamily(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), familyOptions));
    families.put(name, family);
    kinds.put(name, kind);
    return family;
  }

  @Override
  public void setCurrentKey(K key) {
    int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, numberOfKeyGroups);
    if (!range.contains(keyGroup)) {
      throw new IllegalArgumentException("Key '" + key + "' belongs to key group " + keyGroup + ", outside this"
          + " subtask's key group range [" + range.getStartKeyGroup() + ", " + range.getEndKeyGroup() + "]");
    }
    if (key.equals(currentKey)) {
      return;
    }
    currentKey = key;
    currentKeyGroup = keyGroup;
    keyBuffer.clear();
    try {
      keySerializer.serialize(key, keyBuffer);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialize key " + key, e);
    }
    currentKeyBytes = keyBuffer.getCopyOfBuffer();
  }

  @Override
  public K getCurrentKey() {
    return currentKey;
  }

  @Override
  public int getCurrentKeyGroupIndex() {
    return currentKeyGroup;
  }

  @Override
  public KeyGroupRange getKeyGroupRange() {
    return range;
  }

  @Override
  public int getNumberOfKeyGroups() {
    return numberOfKeyGroups;
  }

  @Override
  public TypeSerializer<K> getKeySerializer() {
    return keySerializer;
  }

  int currentKeyGroup() {
    if (currentKey == null) {
      throw new IllegalStateException("Keyed state was accessed with no current key: keyed state is only available"
          + " while processing a keyed element or timer");
    }
    return currentKeyGroup;
  }

  byte[] currentKeyBytes() {
    return currentKeyBytes;
  }

  RocksDB db() {
    return db;
  }

  WriteOptions writeOptions() {
    return writeOptions;
  }

  @Override
  public void setCleanupScheduler(CleanupScheduler scheduler) {
    this.cleanupScheduler = scheduler;
  }

  /**
   * One step of the periodic scan for expired values: examines up to {@value #SCAN_STEP_ENTRIES}
   * entries of each scanned state, then schedules the next step at once (so records are processed
   * between steps) or, once every state was scanned to its end, after the scan interval.
   */
  private void scanStep() {
    if (closed) {
      return;
    }
    boolean finished = true;
    for (Map.Entry<String, UnaryOperator<Object>> e : scanned.entrySet()) {
      finished &= states.get(e.getKey()).cleanupIncrementally(SCAN_STEP_ENTRIES, e.getValue());
    }
    cleanupScheduler.schedule(finished ? scanIntervalMillis : 0, this::scanStep);
  }

  @Override
  public void onRecord() {
    ttlStates.onRecord();
  }

  @Override
  public void setTtlTimeProvider(LongSupplier clock) {
    this.ttlClock = clock;
  }

  @Override
  public <S extends State> S getOrCreateKeyedState(StateDescriptor<S, ?> descriptor) {
    return getOrCreateKeyedState(VoidNamespaceSerializer.INSTANCE, descriptor);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, S extends State> S getOrCreateKeyedState(TypeSerializer<N> namespaceSerializer,
      StateDescriptor<S, ?> descriptor) {
    Objects.requireNonNull(descriptor, "descriptor");
    if (descriptor.getTtlConfig() != null) {
      TtlStates.Handle<S> handle = ttlStates.getOrCreate(descriptor, new TtlContext() {
        @Override
        public <T extends State> T createInner(StateDescriptor<T, ?> inner) {
          return getOrCreateKeyedState(namespaceSerializer, inner);
        }

        @Override
        public long now() {
          return ttlClock.getAsLong();
        }

        @Override
        public void cleanupIncrementally(String name, int maxEntries, UnaryOperator<Object> filter) {
          states.get(name).cleanupIncrementally(maxEntries, filter);
        }
      });
      if (descriptor.getTtlConfig().getScanIntervalMillis() > 0 && !scanned.containsKey(descriptor.getName())) {
        scanned.put(descriptor.getName(), handle.filter());
        scanIntervalMillis = Math.min(scanIntervalMillis, descriptor.getTtlConfig().getScanIntervalMillis());
        if (cleanupScheduler != null && !scanScheduled) {
          scanScheduled = true;
          cleanupScheduler.schedule(scanIntervalMillis, this::scanStep);
        }
      }
      return handle.state();
    }
    if (RocksTimerStore.domainOf(descriptor.getName()) != null) {
      throw new IllegalArgumentException("Keyed state '" + descriptor.getName() + "' has a name reserved for timers"
          + " (prefix '" + RocksTimerStore.PREFIX + "'); choose another name");
    }
    RocksState<K, ?, ?> existing = states.get(descriptor.getName());
    if (existing != null) {
      if (existing.kind != descriptor.getKind()) {
        throw new IllegalStateException("Keyed state '" + descriptor.getName() + "' is already registered as "
            + existing.kind + " state; it cannot be registered again as " + descriptor.getKind() + " state");
      }
      return (S) existing;
    }
    ColumnFamilyHandle family;
    try {
      family = family(descriptor.getName(), descriptor.getKind());
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot create the column family of state '" + descriptor.getName() + "'", e);
    }
    RocksState<K, N, ?> state = RocksState.create(this, family, namespaceSerializer, descriptor);
    states.put(descriptor.getName(), state);
    schemas.put(descriptor.getName(),
        StateSchema.of(keySerializer, namespaceSerializer, state.storedSerializer).toBytes());
    String what = "state '" + descriptor.getName() + "' of " + owner;
    try {
      migrateRestoredFiles(state, what);
      state.restore(restored, what);
    } catch (IOException e) {
      throw new IllegalStateException("Could not restore keyed state '" + descriptor.getName() + "': " + e, e);
    }
    return (S) state;
  }

  /**
   * Judges the values of {@code state} restored with RocksDB's files against its serializers, and
   * if they were written in an earlier shape rewrites them all now, in the present one (eager
   * migration: later reads and checkpoints see one shape only).
   */
  private <S> void migrateRestoredFiles(RocksState<K, ?, S> state, String what) throws IOException {
    StateSchema written = StateSchema.fromBytes(restoredSchemas.remove(state.name));
    if (written == null) {
      return;
    }
    StateSchema.Readers<K, ?, S> readers = written.resolve(what, keySerializer, state.namespaceSerializer,
        state.storedSerializer);
    if (readers.migrates()) {
      state.migrateStored(readers.value());
    }
  }

  @Override
  public void setOwnerDescription(String operator) {
    this.owner = Objects.requireNonNull(operator);
  }

  @Override
  public <N, S extends State> void applyToAllKeys(N namespace, TypeSerializer<N> namespaceSerializer,
      StateDescriptor<S, ?> descriptor, KeyedStateFunction<K, S> function) throws Exception {
    S state = getOrCreateKeyedState(namespaceSerializer, descriptor);
    RocksState<K, N, ?> rocks = (RocksState<K, N, ?>) states.get(descriptor.getName());
    K previous = currentKey;
    for (K key : rocks.keys(namespace)) {
      setCurrentKey(key);
      rocks.setCurrentNamespace(namespace);
      function.process(key, state);
    }
    if (previous != null) {
      setCurrentKey(previous);
    }
  }

  /**
   * The timers of {@code domain} in column family {@code _timer_state/<domain>} (created if new,
   * restored ones kept), or null with heap timers (restored ones are then handed to the timer
   * service, {@link #takeRestoredTimers}). Either way the serializer snapshot of restored timers is
   * judged first: their keys and namespaces must read as they are.
   */
  @Override
  public KeyGroupedTimerStore timerStore(String domain, TypeSerializer<?> namespaces) {
    String name = RocksTimerStore.familyName(domain);
    String what = "the " + domain + "-time timers of " + owner;
    try {
      StateSchema written = StateSchema.fromBytes(restoredSchemas.remove(name));
      if (written != null) {
        written.resolve(what, keySerializer, namespaces, LongSerializer.INSTANCE);
      }
      if (timersOnHeap) {
        return null;
      }
      schemas.put(name, StateSchema.of(keySerializer, namespaces, LongSerializer.INSTANCE).toBytes());
      return new RocksTimerStore(db, family(name, StateDescriptor.Kind.VALUE), writeOptions);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the serializer snapshot of " + what + ": " + e.getMessage(), e);
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot create the column family of " + domain + " timers", e);
    }
  }

  /** With heap timers, reads out and drops the column family of restored timers of {@code domain}, if any. */
  @Override
  public void takeRestoredTimers(String domain, ObjIntConsumer<KeyGroupedTimerStore.Entry> timers) {
    String name = RocksTimerStore.familyName(domain);
    ColumnFamilyHandle family = families.get(name);
    if (!timersOnHeap || family == null) {
      return;
    }
    RocksTimerStore.readAll(db, family, timers);
    try {
      db.dropColumnFamily(family);
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot drop the column family of restored " + domain + " timers", e);
    }
    family.close();
    families.remove(name);
    kinds.remove(name);
  }

  /**
   * Flushes the memtables and hard-links the database's files into a fresh local directory (a
   * RocksDB checkpoint: milliseconds, whatever the state size); the checkpoint I/O thread then
   * writes from that frozen copy, see {@link RocksSnapshot}.
   */
  @Override
  public KeyedStateSnapshot snapshot(long checkpointId, boolean savepoint) throws IOException {
    Path local = Files.createTempDirectory(localDirectory, "nagare-rocksdb-chk-" + checkpointId + "-");
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
        Checkpoint checkpoint = Checkpoint.create(db)) {
      db.flush(flush, new ArrayList<>(families.values()));
      checkpoint.createCheckpoint(local.resolve("db").toString());
    } catch (RocksDBException e) {
      deleteRecursively(local);
      throw new IOException("Cannot take a RocksDB checkpoint in " + local + ": " + e.getMessage(), e);
    }
    List<RocksSnapshot.StateInfo> infos = new ArrayList<>();
    for (Map.Entry<String, StateDescriptor.Kind> e : kinds.entrySet()) {
      RocksState<K, ?, ?> state = states.get(e.getKey());
      TtlStates.Handle<?> ttl = ttlStates.get(e.getKey());
      byte[] schema = schemas.containsKey(e.getKey()) ? schemas.get(e.getKey())
          : restoredSchemas.getOrDefault(e.getKey(), new byte[0]);
      infos.add(new RocksSnapshot.StateInfo(e.getKey(), e.getValue(), schema,
          state == null ? null : state.snapshotCodec(), ttl == null ? null : ttl.filter()));
    }
    return new RocksSnapshot(checkpointId, local, range, infos, Map.copyOf(confirmedFiles), uploaded::put,
        savepoint || !incremental, aheadUploads);
  }

  @Override
  public void setSharedUploader(SharedUploader uploader) {
    if (aheadUploads != null) {
      aheadUploads.useUploader(uploader);
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    Map<String, RocksSnapshot.RemoteFile> files = uploaded.remove(checkpointId);
    if (files != null) {
      confirmedFiles = files;
    }
    uploaded.keySet().removeIf(id -> id < checkpointId);
  }

  /**
   * Takes back a snapshot: the canonical format (any backend's savepoint) is kept per state until
   * the state registers; RocksDB's own files (an incremental checkpoint) are downloaded now, unless
   * they hold none of this subtask's key groups. If they cover exactly this subtask's key groups they
   * become this database, and the next checkpoint reuses their uploaded copies; otherwise (a change
   * of parallelism) the entries of this subtask's key groups are copied out of them.
   */
  @Override
  public void restore(StateBlock block) throws IOException {
    int version = block.version();
    if (version == KeyedStateSnapshot.ROCKSDB_FILES_FORMAT) {
      DataInputDeserializer in = new DataInputDeserializer(block.readAll());
      in.readInt();
      restoreFiles(RocksSnapshot.readHandle(in));
      return;
    }
    restored.add(block, version);
  }

  private void restoreFiles(RocksSnapshot.Handle handle) throws IOException {
    if (handle.range().intersection(range).size() == 0) {
      return;
    }
    Path download = Files.createTempDirectory(localDirectory, "nagare-rocksdb-restore-");
    for (Map.Entry<String, byte[]> e : handle.schemas().entrySet()) {
      restoredSchemas.putIfAbsent(e.getKey(), e.getValue());
    }
    try {
      handle.download(download);
      boolean direct = handle.range().equals(range) && families.isEmpty() && restored.isEmpty();
      if (direct) {
        closeDatabase();
        deleteRecursively(dbDirectory);
        Files.move(download, dbDirectory);
        openDatabase(handle.states());
        confirmedFiles = handle.sharedFiles();
      } else {
        copyKeyGroups(download, handle.states());
      }
    } catch (RocksDBException e) {
      throw new IOException("Cannot restore RocksDB files of " + handle.range() + ": " + e.getMessage(), e);
    } finally {
      deleteRecursively(download);
    }
  }

  /** Copies the entries of this subtask's key groups out of the database in {@code source}. */
  private void copyKeyGroups(Path source, Map<String, StateDescriptor.Kind> restoredStates)
      throws RocksDBException, IOException {
    List<ColumnFamilyHandle> sourceHandles = new ArrayList<>();
    try (DBOptions readOptions = new DBOptions();
        RocksDB sourceDb = RocksDB.openReadOnly(readOptions, source.toString(),
            familyDescriptors(restoredStates.keySet(), familyOptions), sourceHandles)) {
      int i = 1;
      for (Map.Entry<String, StateDescriptor.Kind> e : restoredStates.entrySet()) {
        ColumnFamilyHandle target = family(e.getKey(), e.getValue());
        try (RocksIterator it = sourceDb.newIterator(sourceHandles.get(i++))) {
          for (it.seek(keyGroupPrefix(range.getStartKeyGroup())); it.isValid(); it.next()) {
            byte[] key = it.key();
            if (((key[0] & 0xff) << 8 | (key[1] & 0xff)) > range.getEndKeyGroup()) {
              break;
            }
            db.put(target, writeOptions, key, it.value());
          }
        }
      }
    } finally {
      sourceHandles.forEach(ColumnFamilyHandle::close);
    }
  }

  @Override
  public int numKeyValueStateEntries() {
    int n = 0;
    for (RocksState<K, ?, ?> state : states.values()) {
      n += state.count();
    }
    return n;
  }

  /** Closes the database and deletes its directory; snapshots still being written keep their own copies. */
  @Override
  public void close() {
    closed = true;
    closeDatabase();
    if (aheadUploads != null) {
      aheadUploads.stop();
    }
    options.close();
    familyOptions.close();
    listAppend.close();
    bloomFilter.close();
    if (blockCache != null) {
      blockCache.close();
    }
    writeOptions.close();
    if (aheadUploads != null) {
      aheadUploads.close();
    }
    deleteRecursively(instanceDirectory);
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot delete " + directory, e);
    }
  }

  /**
   * The full paths of the shared files that a keyed state snapshot (as written by {@link
   * #snapshot}) references; none for the canonical format.
   */
  public static Set<String> sharedFilesOf(byte[] keyedState) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(keyedState);
    if (keyedState.length == 0 || in.readInt() != KeyedStateSnapshot.ROCKSDB_FILES_FORMAT) {
      return Set.of();
    }
    Set<String> files = new java.util.HashSet<>();
    for (RocksSnapshot.RemoteFile f : RocksSnapshot.readHandle(in).sharedFiles().values()) {
      files.add(f.path());
    }
    return files;
  }

  /** Turns RocksDB's automatic compactions on or off (tests use this to make file counts deterministic). */
  void setAutoCompactions(boolean enabled) throws RocksDBException {
    for (ColumnFamilyHandle family : families.values()) {
      db.setOptions(family, org.rocksdb.MutableColumnFamilyOptions.builder().setDisableAutoCompactions(!enabled)
          .build());
    }
  }

  /** Waits until the files written so far have been uploaded ahead (for tests). */
  void awaitUploadsAhead() throws Exception {
    if (aheadUploads != null) {
      aheadUploads.awaitQueued();
    }
  }

  /** Flushes every state's memtable into a new SST file. */
  void flushAll() throws RocksDBException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush, new ArrayList<>(families.values()));
    }
  }

  /** Compacts every state's files into one sorted run. */
  void compactAll() throws RocksDBException {
    for (ColumnFamilyHandle family : families.values()) {
      db.compactRange(family);
    }
  }

  /** The RocksDB key prefix of key group {@code keyGroup}. */
  static byte[] keyGroupPrefix(int keyGroup) {
    return new byte[] {(byte) (keyGroup >>> 8), (byte) keyGroup};
  }

  static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  static <T> TypeSerializer<T> serializer(TypeInformation<T> type) {
    return SerializerFactory.create(type);
  }

  static TypeInformation<?> listOf(TypeInformation<?> element) {
    return Types.LIST(element);
  }

  static VoidNamespace voidNamespace() {
    return VoidNamespace.INSTANCE;
  }
}
