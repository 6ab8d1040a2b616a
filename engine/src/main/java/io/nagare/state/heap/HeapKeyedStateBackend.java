package io.nagare.state.heap;

import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.serialization.SerializerFactory;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyGroupedStateWriter;
import io.nagare.state.KeyedStateBackend;
import io.nagare.state.KeyedStateFunction;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.RestoredKeyedState;
import io.nagare.state.SnapshotTarget;
import io.nagare.state.StateBlock;
import io.nagare.state.StateSchema;
import io.nagare.state.VoidNamespace;
import io.nagare.state.VoidNamespaceSerializer;
import io.nagare.state.ttl.TtlContext;
import io.nagare.state.ttl.TtlStates;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link KeyedStateBackend} that keeps state as Java objects on the heap.
 *
 * <p><b>Layout.</b> Each registered state has a table with one hash map per key group of this
 * subtask's {@link KeyGroupRange}, keyed by (key, namespace) without composite key objects. The
 * key group of the current key is computed once in {@link #setCurrentKey} and turned into an index
 * into those tables, so a state access costs an array index and one hash lookup. Because state is
 * grouped by key group, a checkpoint can write it key group by key group and a restore at another
 * parallelism can take exactly the key groups of its new range.
 *
 * <p><b>Heap semantics.</b> State handles return the stored objects themselves: a list from
 * {@code ListState.get()}, a POJO from {@code ValueState.value()}. Changing such an object changes
 * the state (a POJO changed in place needs no {@code update}), and a value passed to {@code update}
 * must not be changed afterwards. Keys are not copied either: they must be immutable, with
 * deterministic {@code equals} and {@code hashCode}.
 *
 * <p><b>Snapshots.</b> Copy-on-write inside each key group's map ({@link StateMap}): a snapshot
 * costs O(buckets) on the task thread, and entries touched afterwards are copied once, so the
 * checkpoint I/O thread can stream the frozen view into the checkpoint file, key group by key
 * group with a key-group index, while the subtask goes on. A restore reads the index and then only
 * the bytes of its own key groups.
 *
 * <p><b>Threading.</b> The backend and its state handles are owned by the subtask's thread and use
 * no locks; no method may be called from another thread. The one exception is a snapshot's {@link
 * KeyedStateSnapshot#write}, which runs on the checkpoint I/O thread over frozen maps and private
 * serializer copies, and hands the maps back through a concurrent queue the subtask's thread drains.
 *
 * @param <K> key type
 */
public final class HeapKeyedStateBackend<K> implements KeyedStateBackend<K> {
  private final TypeSerializer<K> keySerializer;
  private final HeapKeyContext<K> keyContext;
  private final HeapStateFactory stateFactory;
  private final Map<String, AbstractHeapState<K, ?, ?>> states = new HashMap<>();
  /** Restored state not yet claimed by a registration. */
  private final RestoredKeyedState restored;
  /** States with a time-to-live: their handles, and filters that leave expired values out of snapshots. */
  private final TtlStates.Registry ttlStates = new TtlStates.Registry();
  private LongSupplier ttlClock = System::currentTimeMillis;
  /** The serializer snapshot of each registered state, written beside it in checkpoints. */
  private final Map<String, byte[]> schemas = new HashMap<>();
  private String owner = "this operator";
  /** Cleanup of time-to-live states that asked to run for every record; null when none did. */

  /**
   * A backend for the key groups {@code keyGroupRange} out of {@code numberOfKeyGroups} (the max
   * parallelism), creating state serializers with {@link SerializerFactory}.
   */
  public HeapKeyedStateBackend(TypeSerializer<K> keySerializer, int numberOfKeyGroups, KeyGroupRange keyGroupRange) {
    this(keySerializer, numberOfKeyGroups, keyGroupRange, SerializerFactory::create);
  }

  /**
   * A backend for the key groups {@code keyGroupRange} out of {@code numberOfKeyGroups} (the max
   * parallelism), creating the serializer of each state's stored value with {@code
   * serializerFactory} when the state is registered.
   */
  public HeapKeyedStateBackend(TypeSerializer<K> keySerializer, int numberOfKeyGroups, KeyGroupRange keyGroupRange,
      Function<TypeInformation<?>, TypeSerializer<?>> serializerFactory) {
    if (numberOfKeyGroups < 1 || numberOfKeyGroups > KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM) {
      throw new IllegalArgumentException("The number of key groups must be in [1, "
          + KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM + "], not " + numberOfKeyGroups);
    }
    Objects.requireNonNull(keyGroupRange, "keyGroupRange");
    if (keyGroupRange.size() > 0 && keyGroupRange.getEndKeyGroup() >= numberOfKeyGroups) {
      throw new IllegalArgumentException(keyGroupRange + " exceeds the " + numberOfKeyGroups + " key groups");
    }
    this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
    this.keyContext = new HeapKeyContext<>(numberOfKeyGroups, keyGroupRange);
    this.stateFactory = new HeapStateFactory(Objects.requireNonNull(serializerFactory, "serializerFactory"));
    this.restored = new RestoredKeyedState(keyGroupRange);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the key's group is outside this backend's range, which
   *     means the key selector is not deterministic
   */
  @Override
  public void setCurrentKey(K key) {
    keyContext.setCurrentKey(key);
  }

  @Override
  public K getCurrentKey() {
    return keyContext.getCurrentKey();
  }

  @Override
  public int getCurrentKeyGroupIndex() {
    return keyContext.getCurrentKeyGroup();
  }

  @Override
  public KeyGroupRange getKeyGroupRange() {
    return keyContext.getKeyGroupRange();
  }

  @Override
  public int getNumberOfKeyGroups() {
    return keyContext.getNumberOfKeyGroups();
  }

  @Override
  public TypeSerializer<K> getKeySerializer() {
    return keySerializer;
  }

  @Override
  public <S extends State> S getOrCreateKeyedState(StateDescriptor<S, ?> descriptor) {
    return getOrCreateKeyedState(VoidNamespaceSerializer.INSTANCE, descriptor);
  }

  @Override
  public void setOwnerDescription(String operator) {
    this.owner = Objects.requireNonNull(operator);
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
  @SuppressWarnings("unchecked")
  public <N, S extends State> S getOrCreateKeyedState(
      TypeSerializer<N> namespaceSerializer, StateDescriptor<S, ?> descriptor) {
    Objects.requireNonNull(namespaceSerializer, "namespaceSerializer");
    Objects.requireNonNull(descriptor, "descriptor");
    if (descriptor.getTtlConfig() != null) {
      return ttlStates.getOrCreate(descriptor, new TtlContext() {
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
          ((StateTable<K, ?, Object>) states.get(name).getTable()).cleanupIncrementally(maxEntries, filter);
        }
      }).state();
    }
    AbstractHeapState<K, ?, ?> state = states.get(descriptor.getName());
    if (state != null) {
      state.getTable().getMetaInfo().checkCompatible(descriptor, namespaceSerializer);
    } else {
      state = stateFactory.create(keyContext, namespaceSerializer, descriptor);
      states.put(descriptor.getName(), state);
      StateMetaInfo<?, ?> meta = state.getTable().getMetaInfo();
      schemas.put(descriptor.getName(),
          StateSchema.of(keySerializer, meta.getNamespaceSerializer(), meta.getStateSerializer()).toBytes());
      if (!restored.isEmpty()) {
        try {
          restoreInto(state.getTable());
        } catch (IOException e) {
          throw new IllegalStateException("Could not restore keyed state '" + descriptor.getName() + "': " + e, e);
        }
      }
    }
    return (S) state;
  }

  @Override
  public int numKeyValueStateEntries() {
    int entries = 0;
    for (AbstractHeapState<K, ?, ?> state : states.values()) {
      entries += state.getTable().size();
    }
    return entries;
  }

  /**
   * The keys that have an entry of state {@code stateName} in {@code namespace} (use {@link
   * VoidNamespace#INSTANCE} for state that is not namespaced), key group by key group; empty if no
   * such state is registered. The stream is lazy: the state must not change while it is consumed
   * (collect it first, or use {@link #applyToAllKeys}).
   */
  @SuppressWarnings("unchecked")
  public <N> Stream<K> getKeys(String stateName, N namespace) {
    Objects.requireNonNull(namespace, "namespace");
    AbstractHeapState<K, ?, ?> state = states.get(stateName);
    return state == null ? Stream.empty() : ((StateTable<K, N, ?>) state.getTable()).keys(namespace);
  }

  /**
   * Calls {@code function} for every key that has an entry of {@code descriptor}'s state in {@code
   * namespace}, with that key current and the state handle set to {@code namespace}; the function
   * may read, update and clear the state. Registers the state if needed. Afterwards the previous
   * current key and the handle's previous namespace are restored.
   */
  @SuppressWarnings("unchecked")
  @Override
  public <N, S extends State> void applyToAllKeys(N namespace, TypeSerializer<N> namespaceSerializer,
      StateDescriptor<S, ?> descriptor, KeyedStateFunction<K, S> function) throws Exception {
    S state = getOrCreateKeyedState(namespaceSerializer, descriptor);
    AbstractHeapState<K, N, ?> handle = (AbstractHeapState<K, N, ?>) state;
    List<K> keys = getKeys(descriptor.getName(), namespace).collect(Collectors.toList());
    K previousKey = keyContext.getCurrentKey();
    int previousKeyGroup = keyContext.getCurrentKeyGroup();
    N previousNamespace = handle.getCurrentNamespace();
    try {
      handle.setCurrentNamespace(namespace);
      for (K key : keys) {
        keyContext.setCurrentKey(key);
        function.process(key, state);
      }
    } finally {
      keyContext.restoreCurrentKey(previousKey, previousKeyGroup);
      handle.restoreNamespace(previousNamespace);
    }
  }

  /**
   * Writes every state in the canonical format ({@link KeyGroupedStateWriter}: a section per state,
   * tagged with its kind, key group by key group, each entry its key, namespace and value with the
   * states' own serializers, and a key-group index at the end), for checkpoints and savepoints
   * alike; every backend restores it.
   *
   * <p>The subtask's thread only freezes each key group's map (copy-on-write, see {@link StateMap});
   * the checkpoint I/O thread streams the frozen entries into the checkpoint file with its own
   * copies of the serializers, leaving out expired time-to-live values, while processing goes on.
   * Nothing but the index is held in memory, so a state's size is not bounded by an array's.
   */
  @Override
  public KeyedStateSnapshot snapshot(long checkpointId, boolean savepoint) {
    releaseWrittenSnapshots();
    List<TableSnapshot<K, ?, ?>> tables = new java.util.ArrayList<>(states.size());
    for (AbstractHeapState<K, ?, ?> state : states.values()) {
      tables.add(freeze(state.getTable()));
    }
    TypeSerializer<K> keys = keySerializer.duplicate();
    return new KeyedStateSnapshot() {
      @Override
      public void write(DataOutputViewStream out, SnapshotTarget target) throws IOException {
        KeyGroupedStateWriter writer = new KeyGroupedStateWriter(out);
        for (TableSnapshot<K, ?, ?> table : tables) {
          table.write(keys, writer);
        }
        writer.finish();
      }

      @Override
      public void release() {
        for (TableSnapshot<K, ?, ?> table : tables) {
          for (int i = 0; i < table.maps().size(); i++) {
            released.add(new Released(table.maps().get(i), table.snapshots().get(i).version()));
          }
        }
      }
    };
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    releaseWrittenSnapshots();
  }

  /** A frozen map and its snapshot's version, handed back by the checkpoint I/O thread once written. */
  private record Released(StateMap<?, ?, ?> map, int version) {}

  /** Snapshots written out (filled by the checkpoint I/O thread, drained by the subtask's thread). */
  private final java.util.Queue<Released> released = new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Lets maps stop protecting the entries of snapshots that have been written. Subtask thread. */
  private void releaseWrittenSnapshots() {
    Released r;
    while ((r = released.poll()) != null) {
      r.map().release(r.version());
    }
  }

  private <N, S> TableSnapshot<K, N, S> freeze(StateTable<K, N, S> table) {
    StateMetaInfo<N, S> meta = table.getMetaInfo();
    KeyGroupRange range = keyContext.getKeyGroupRange();
    List<StateMap<K, N, S>> maps = new java.util.ArrayList<>(range.size());
    List<StateMap.Snapshot<K, N, S>> snapshots = new java.util.ArrayList<>(range.size());
    for (int keyGroup = range.getStartKeyGroup(); keyGroup <= range.getEndKeyGroup(); keyGroup++) {
      StateMap<K, N, S> map = table.getMapForKeyGroup(keyGroup);
      maps.add(map);
      snapshots.add(map.snapshot());
    }
    TtlStates.Handle<?> ttl = ttlStates.get(meta.getName());
    return new TableSnapshot<>(meta.getName(), meta.getKind(), schemas.get(meta.getName()), range,
        meta.getNamespaceSerializer().duplicate(),
        meta.getStateSerializer().duplicate(), ttl == null ? null : ttl.filter(), maps, snapshots);
  }

  /** One state's frozen key groups, with private serializer copies for the I/O thread. */
  private record TableSnapshot<K, N, S>(String name, StateDescriptor.Kind kind, byte[] schema, KeyGroupRange range,
      TypeSerializer<N> namespaceSerializer, TypeSerializer<S> stateSerializer, UnaryOperator<Object> ttlFilter,
      List<StateMap<K, N, S>> maps, List<StateMap.Snapshot<K, N, S>> snapshots) {

    @SuppressWarnings("unchecked")
    void write(TypeSerializer<K> keySerializer, KeyGroupedStateWriter writer) throws IOException {
      writer.startSection(name, (byte) kind.ordinal(), schema, range);
      DataOutputView out = writer.out();
      for (int i = 0; i < snapshots.size(); i++) {
        writer.startKeyGroup(range.getStartKeyGroup() + i);
        for (Iterator<StateMap.Entry<K, N, S>> it = snapshots.get(i).iterator(); it.hasNext(); ) {
          StateMap.Entry<K, N, S> e = it.next();
          S value = ttlFilter == null ? e.getState() : (S) ttlFilter.apply(e.getState());
          if (value != null) {
            keySerializer.serialize(e.getKey(), out);
            namespaceSerializer.serialize(e.getNamespace(), out);
            stateSerializer.serialize(value, out);
            writer.entryWritten();
          }
        }
      }
    }
  }

  /**
   * Takes back a snapshot written by {@link #snapshot} (by this or another parallel instance), or by
   * the RocksDB backend for a savepoint: the entries of key groups in this backend's range are
   * restored when each state is registered; of a block with a key-group index only the index and
   * those key groups' bytes are read (see {@link RestoredKeyedState}).
   *
   * @throws IOException if the block is not a snapshot of a format this backend reads
   */
  @Override
  public void restore(StateBlock block) throws IOException {
    int version = block.version();
    if (version == KeyedStateSnapshot.ROCKSDB_FILES_FORMAT) {
      throw new IOException("This checkpoint holds RocksDB's own files and restores only on the RocksDB backend"
          + " (state.backend.type: rocksdb); a savepoint restores on any backend");
    }
    restored.add(block, version);
  }

  /**
   * Moves restored entries of state {@code name} into its freshly registered table. Entries written
   * in an earlier shape of the value's type are read in that shape and so migrated now (the next
   * checkpoint writes them in the present one); see {@link StateSchema#resolve}.
   */
  private <N, S> void restoreInto(StateTable<K, N, S> table) throws IOException {
    StateMetaInfo<N, S> meta = table.getMetaInfo();
    KeyGroupRange range = keyContext.getKeyGroupRange();
    restored.claim(meta.getName(), meta.getKind(), schema -> {
      StateSchema.Readers<K, N, S> readers = schema == null
          ? new StateSchema.Readers<>(keySerializer, meta.getNamespaceSerializer(), meta.getStateSerializer(), false)
          : schema.resolve("state '" + meta.getName() + "' of " + owner, keySerializer,
              meta.getNamespaceSerializer(), meta.getStateSerializer());
      TypeSerializer<K> keys = readers.key();
      TypeSerializer<N> namespaces = readers.namespace();
      TypeSerializer<S> values = readers.value();
      return (keyGroup, in) -> {
        K key = keys.deserialize(in);
        N namespace = namespaces.deserialize(in);
        S value = values.deserialize(in);
        if (range.contains(keyGroup)) {
          table.getMapForKeyGroup(keyGroup).put(key, namespace, value);
        }
      };
    });
  }

  /** Drops all state. */
  @Override
  public void close() {
    released.clear();
    schemas.clear();
    for (AbstractHeapState<K, ?, ?> state : states.values()) {
      state.getTable().clear();
    }
    states.clear();
  }

  /** The table of state {@code stateName}, or null: for tests and snapshots in this package. */
  StateTable<K, ?, ?> getStateTable(String stateName) {
    AbstractHeapState<K, ?, ?> state = states.get(stateName);
    return state == null ? null : state.getTable();
  }
}
