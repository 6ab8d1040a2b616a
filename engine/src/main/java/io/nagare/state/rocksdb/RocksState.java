package io.nagare.state.rocksdb;

import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.ListState;
import io.nagare.api.state.MapState;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.state.InternalAppendingState;
import io.nagare.state.InternalMergingState;
import io.nagare.state.VoidNamespaceSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * One keyed state in its RocksDB column family: reads and writes the serialised stored value of
 * the current key and namespace. The subclasses give it the user-facing interface. Subtask thread
 * only.
 */
abstract class RocksState<K, N, S> implements io.nagare.state.InternalKvState<N> {
  final RocksDBKeyedStateBackend<K> backend;
  final ColumnFamilyHandle family;
  final TypeSerializer<N> namespaceSerializer;
  final TypeSerializer<S> storedSerializer;
  final String name;
  final StateDescriptor.Kind kind;
  private final DataOutputSerializer buffer = new DataOutputSerializer(128);
  private N namespace;
  private byte[] cleanupCursor;

  @SuppressWarnings("unchecked")
  RocksState(RocksDBKeyedStateBackend<K> backend, ColumnFamilyHandle family, TypeSerializer<N> namespaceSerializer,
      TypeSerializer<S> storedSerializer, StateDescriptor<?, ?> descriptor) {
    this.backend = backend;
    this.family = family;
    this.namespaceSerializer = namespaceSerializer;
    this.storedSerializer = storedSerializer;
    this.name = descriptor.getName();
    this.kind = descriptor.getKind();
    if (namespaceSerializer instanceof VoidNamespaceSerializer) {
      namespace = (N) RocksDBKeyedStateBackend.voidNamespace();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <K, N> RocksState<K, N, ?> create(RocksDBKeyedStateBackend<K> backend, ColumnFamilyHandle family,
      TypeSerializer<N> namespaceSerializer, StateDescriptor<?, ?> descriptor) {
    switch (descriptor.getKind()) {
      case VALUE:
        return new Value(backend, family, namespaceSerializer,
            RocksDBKeyedStateBackend.serializer(descriptor.getTypeInfo()), descriptor,
            ((ValueStateDescriptor) descriptor).getDefaultValue());
      case LIST:
        return new Lists(backend, family, namespaceSerializer,
            RocksDBKeyedStateBackend.serializer(RocksDBKeyedStateBackend.listOf(descriptor.getTypeInfo())), descriptor,
            RocksDBKeyedStateBackend.serializer(descriptor.getTypeInfo()));
      case MAP:
        return new Maps(backend, family, namespaceSerializer,
            RocksDBKeyedStateBackend.serializer(descriptor.getTypeInfo()), descriptor);
      case REDUCING:
        return new Reducing(backend, family, namespaceSerializer,
            RocksDBKeyedStateBackend.serializer(descriptor.getTypeInfo()), descriptor,
            ((ReducingStateDescriptor) descriptor).getReduceFunction());
      case AGGREGATING:
        return new Aggregating(backend, family, namespaceSerializer,
            RocksDBKeyedStateBackend.serializer(descriptor.getTypeInfo()), descriptor,
            ((AggregatingStateDescriptor) descriptor).getAggregateFunction());
      default:
        throw new IllegalArgumentException("Unsupported kind of keyed state: " + descriptor);
    }
  }

  @Override
  public void setCurrentNamespace(N namespace) {
    if (namespace == null) {
      throw new NullPointerException("namespace of keyed state '" + name + "'");
    }
    this.namespace = namespace;
  }

  /** The RocksDB key of the current key in the current namespace. */
  byte[] currentKey() {
    return key(namespace);
  }

  /** The RocksDB key of the current key in namespace {@code ns}. */
  byte[] keyOf(N ns) {
    return key(ns);
  }

  private byte[] key(N ns) {
    buffer.clear();
    int keyGroup = backend.currentKeyGroup();
    buffer.writeByte(keyGroup >>> 8);
    buffer.writeByte(keyGroup);
    buffer.write(backend.currentKeyBytes());
    try {
      namespaceSerializer.serialize(ns, buffer);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialize namespace " + ns, e);
    }
    return buffer.getCopyOfBuffer();
  }

  /** The stored value RocksDB's bytes hold (lists store their own format, see {@link Lists}). */
  S decode(byte[] bytes) throws IOException {
    return storedSerializer.deserialize(new DataInputDeserializer(bytes));
  }

  /** The bytes RocksDB keeps for a stored value. */
  byte[] encode(S value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    storedSerializer.serialize(value, out);
    return out.getCopyOfBuffer();
  }

  /**
   * A codec for the checkpoint I/O thread: turns this state's RocksDB bytes into its value and a
   * value into the canonical format, with its own serializer copies.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  RocksSnapshot.ValueCodec snapshotCodec() {
    TypeSerializer serializer = storedSerializer.duplicate();
    return new RocksSnapshot.ValueCodec() {
      @Override
      public Object decode(byte[] bytes) throws IOException {
        return serializer.deserialize(new DataInputDeserializer(bytes));
      }

      @Override
      public byte[] canonical(Object value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
      }
    };
  }

  S readStored(N ns) {
    try {
      byte[] bytes = backend.db().get(family, key(ns));
      return bytes == null ? null : decode(bytes);
    } catch (RocksDBException | IOException e) {
      throw new IllegalStateException("Cannot read keyed state '" + name + "'", e);
    }
  }

  S readStored() {
    return readStored(namespace);
  }

  void writeStored(N ns, S value) {
    try {
      backend.db().put(family, backend.writeOptions(), key(ns), encode(value));
    } catch (RocksDBException | IOException e) {
      throw new IllegalStateException("Cannot write keyed state '" + name + "'", e);
    }
  }

  void writeStored(S value) {
    writeStored(namespace, value);
  }

  void deleteStored(N ns) {
    try {
      backend.db().delete(family, backend.writeOptions(), key(ns));
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot delete keyed state '" + name + "'", e);
    }
  }

  @Override
  public void clear() {
    deleteStored(namespace);
  }

  /** Merges the values in {@code sources} into {@code target} with {@code merge}, removing the sources'. */
  void mergeNamespaces(N target, Collection<N> sources, java.util.function.BinaryOperator<S> merge) {
    S merged = null;
    for (N source : sources) {
      S v = readStored(source);
      if (v != null) {
        merged = merged == null ? v : merge.apply(merged, v);
        if (!source.equals(target)) {
          deleteStored(source);
        }
      }
    }
    if (merged != null) {
      S existing = sources.contains(target) ? null : readStored(target);
      writeStored(target, existing == null ? merged : merge.apply(existing, merged));
    }
  }

  int count() {
    int n = 0;
    try (RocksIterator it = backend.db().newIterator(family)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
    }
    return n;
  }

  /** The keys with a value in {@code ns}. */
  List<K> keys(N ns) throws IOException {
    List<K> keys = new ArrayList<>();
    try (RocksIterator it = backend.db().newIterator(family)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        DataInputDeserializer in = new DataInputDeserializer(it.key(), 2, it.key().length - 2);
        K key = backend.getKeySerializer().deserialize(in);
        if (namespaceSerializer.deserialize(in).equals(ns)) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  /**
   * Examines up to {@code maxEntries} values after the last examined one, replacing or deleting
   * them by {@code filter}; returns true if it reached the last value (the next call starts over).
   */
  @SuppressWarnings("unchecked")
  boolean cleanupIncrementally(int maxEntries, UnaryOperator<Object> filter) {
    try (RocksIterator it = backend.db().newIterator(family)) {
      if (cleanupCursor == null) {
        it.seekToFirst();
      } else {
        it.seek(cleanupCursor);
      }
      for (int i = 0; i < maxEntries; i++) {
        if (!it.isValid()) {
          cleanupCursor = null;
          return true;
        }
        S value = decode(it.value());
        S kept = (S) filter.apply(value);
        if (kept == null) {
          backend.db().delete(family, backend.writeOptions(), it.key());
        } else if (kept != value) {
          backend.db().put(family, backend.writeOptions(), it.key(), encode(kept));
        }
        it.next();
        cleanupCursor = it.isValid() ? it.key() : null;
      }
      return cleanupCursor == null;
    } catch (RocksDBException | IOException e) {
      throw new IllegalStateException("Cannot clean up keyed state '" + name + "'", e);
    }
  }

  /**
   * Rewrites every stored value of this state in the present format, reading each with {@code
   * reader}, a reader of the value's earlier shape (see {@link io.nagare.state.StateSchema#resolve}).
   */
  void migrateStored(TypeSerializer<S> reader) throws IOException {
    try (RocksIterator it = backend.db().newIterator(family)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        backend.db().put(family, backend.writeOptions(), it.key(), encode(decodeEarlier(it.value(), reader)));
      }
    } catch (RocksDBException e) {
      throw new IOException("Cannot migrate keyed state '" + name + "': " + e.getMessage(), e);
    }
  }

  /** A value stored in an earlier shape, read with {@code reader}. */
  S decodeEarlier(byte[] bytes, TypeSerializer<S> reader) throws IOException {
    return reader.deserialize(new DataInputDeserializer(bytes));
  }

  /**
   * Takes back this state's restored canonical entries of this backend's key groups, read as their
   * serializer snapshot says (values of an earlier shape are migrated as they are written here).
   */
  void restore(io.nagare.state.RestoredKeyedState restored, String what) throws IOException {
    io.nagare.state.KeyGroupRange range = backend.getKeyGroupRange();
    K previous = backend.getCurrentKey();
    try {
      restored.claim(name, kind, schema -> {
        TypeSerializer<K> keys = backend.getKeySerializer();
        TypeSerializer<S> values = schema == null ? storedSerializer
            : schema.resolve(what, keys, namespaceSerializer, storedSerializer).value();
        return (keyGroup, in) -> {
          K key = keys.deserialize(in);
          N ns = namespaceSerializer.deserialize(in);
          S value = values.deserialize(in);
          if (range.contains(keyGroup)) {
            backend.setCurrentKey(key);
            writeStored(ns, value);
          }
        };
      });
    } finally {
      if (previous != null) {
        backend.setCurrentKey(previous);
      }
    }
  }

  static final class Value<K, N, V> extends RocksState<K, N, V> implements ValueState<V> {
    private final V defaultValue;

    Value(RocksDBKeyedStateBackend<K> backend, ColumnFamilyHandle family, TypeSerializer<N> ns, TypeSerializer<V> s,
        StateDescriptor<?, ?> descriptor, V defaultValue) {
      super(backend, family, ns, s, descriptor);
      this.defaultValue = defaultValue;
    }

    @Override
    public V value() {
      V v = readStored();
      return v == null ? defaultValue : v;
    }

    @Override
    public void update(V value) {
      if (value == null) {
        clear();
      } else {
        writeStored(value);
      }
    }
  }

  static final class Lists<K, N, E> extends RocksState<K, N, List<E>>
      implements ListState<E>, InternalMergingState<N>, InternalAppendingState<N, E> {
    private final TypeSerializer<E> elementSerializer;
    private final DataOutputSerializer elementBuffer = new DataOutputSerializer(64);

    Lists(RocksDBKeyedStateBackend<K> backend, ColumnFamilyHandle family, TypeSerializer<N> ns,
        TypeSerializer<List<E>> s, StateDescriptor<?, ?> descriptor, TypeSerializer<E> elementSerializer) {
      super(backend, family, ns, s, descriptor);
      this.elementSerializer = elementSerializer;
    }

    /**
     * Lists are stored as their elements, each as {@code int length, bytes}, joined by the
     * {@value RocksDBKeyedStateBackend#LIST_DELIMITER} byte that RocksDB's string-append merge
     * operator puts between merged values, so adding is a blind merge rather than rewriting the
     * whole list.
     */
    @Override
    List<E> decode(byte[] bytes) throws IOException {
      return decodeList(bytes, elementSerializer);
    }

    @Override
    List<E> decodeEarlier(byte[] bytes, TypeSerializer<List<E>> reader) throws IOException {
      return decodeList(bytes, ((io.nagare.serialization.ListSerializer<E>) reader).getElementSerializer());
    }

    static <E> List<E> decodeList(byte[] bytes, TypeSerializer<E> elementSerializer) throws IOException {
      List<E> list = new ArrayList<>();
      int pos = 0;
      while (pos < bytes.length) {
        int length = ((bytes[pos] & 0xff) << 24) | ((bytes[pos + 1] & 0xff) << 16) | ((bytes[pos + 2] & 0xff) << 8)
            | (bytes[pos + 3] & 0xff);
        list.add(elementSerializer.deserialize(new DataInputDeserializer(bytes, pos + 4, length)));
        pos += 4 + length + 1;
      }
      return list;
    }

    @Override
    byte[] encode(List<E> value) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(64 * Math.max(1, value.size()));
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.writeByte(RocksDBKeyedStateBackend.LIST_DELIMITER);
        }
        writeFramed(value.get(i), out);
      }
      return out.getCopyOfBuffer();
    }

    private void writeFramed(E element, DataOutputSerializer out) throws IOException {
      if (element == null) {
        throw new NullPointerException("Keyed list state '" + name + "' does not take null list elements");
      }
      elementBuffer.clear();
      elementSerializer.serialize(element, elementBuffer);
      out.writeInt(elementBuffer.length());
      out.write(elementBuffer.getSharedBuffer(), 0, elementBuffer.length());
    }

    /**
     * The canonical form (the list serializer's: varint size, then the elements, each after a
     * {@link io.nagare.serialization.NullableSerializer#PRESENT} marker if {@code marked}) of
     * RocksDB's list bytes.
     */
    static byte[] toCanonical(byte[] bytes, boolean marked) throws IOException {
      DataOutputSerializer elements = new DataOutputSerializer(bytes.length);
      int count = 0;
      int pos = 0;
      while (pos < bytes.length) {
        int length = ((bytes[pos] & 0xff) << 24) | ((bytes[pos + 1] & 0xff) << 16) | ((bytes[pos + 2] & 0xff) << 8)
            | (bytes[pos + 3] & 0xff);
        if (marked) {
          elements.writeByte(io.nagare.serialization.NullableSerializer.PRESENT);
        }
        elements.write(bytes, pos + 4, length);
        pos += 4 + length + 1;
        count++;
      }
      DataOutputSerializer out = new DataOutputSerializer(elements.length() + 5);
      out.writeVarInt(count);
      out.write(elements.getSharedBuffer(), 0, elements.length());
      return out.getCopyOfBuffer();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    RocksSnapshot.ValueCodec snapshotCodec() {
      TypeSerializer<E> elements = elementSerializer.duplicate();
      TypeSerializer list = storedSerializer.duplicate();
      return new RocksSnapshot.ValueCodec() {
        @Override
        public Object decode(byte[] bytes) throws IOException {
          return decodeList(bytes, elements);
        }

        @Override
        public byte[] canonical(Object value) throws IOException {
          DataOutputSerializer out = new DataOutputSerializer(64);
          list.serialize(value, out);
          return out.getCopyOfBuffer();
        }
      };
    }

    @Override
    public Iterable<E> get() {
      List<E> list = readStored();
      return list == null ? Collections.emptyList() : list;
    }

    /** Appends with a blind merge: no read. */
    @Override
    public void add(E value) {
      append(currentKey(), value);
    }

    /** Reads whether the list exists first (the window operator registers timers only for new contents). */
    @Override
    public boolean addAndReportCreated(E value) {
      byte[] key = currentKey();
      boolean created;
      try {
        created = backend.db().get(family, key) == null;
      } catch (RocksDBException e) {
        throw new IllegalStateException("Cannot read keyed list state '" + name + "'", e);
      }
      append(key, value);
      return created;
    }

    private void append(byte[] key, E value) {
      try {
        DataOutputSerializer out = new DataOutputSerializer(64);
        writeFramed(value, out);
        backend.db().merge(family, backend.writeOptions(), key, out.getCopyOfBuffer());
      } catch (RocksDBException | IOException e) {
        throw new IllegalStateException("Cannot add to keyed list state '" + name + "'", e);
      }
    }

    @Override
    public void update(List<E> values) {
      if (values == null || values.isEmpty()) {
        clear();
      } else {
        writeStored(new ArrayList<>(values));
      }
    }

    @Override
    public void addAll(List<E> values) {
      if (values.isEmpty()) {
        return;
      }
      try {
        backend.db().merge(family, backend.writeOptions(), currentKey(), encode(values));
      } catch (RocksDBException | IOException e) {
        throw new IllegalStateException("Cannot add to keyed list state '" + name + "'", e);
      }
    }

    @Override
    public void mergeNamespaces(N target, Collection<N> sources) {
      try {
        byte[] targetKey = keyOf(target);
        for (N source : sources) {
          if (source.equals(target)) {
            continue;
          }
          byte[] sourceKey = keyOf(source);
          byte[] bytes = backend.db().get(family, sourceKey);
          if (bytes != null) {
            backend.db().merge(family, backend.writeOptions(), targetKey, bytes);
            backend.db().delete(family, backend.writeOptions(), sourceKey);
          }
        }
      } catch (RocksDBException e) {
        throw new IllegalStateException("Cannot merge namespaces of keyed list state '" + name + "'", e);
      }
    }
  }

  static final class Maps<K, N, UK, UV> extends RocksState<K, N, Map<UK, UV>> implements MapState<UK, UV> {
    Maps(RocksDBKeyedStateBackend<K> backend, ColumnFamilyHandle family, TypeSerializer<N> ns,
        TypeSerializer<Map<UK, UV>> s, StateDescriptor<?, ?> descriptor) {
      super(backend, family, ns, s, descriptor);
    }

    private Map<UK, UV> map() {
      Map<UK, UV> map = readStored();
      return map == null ? new HashMap<>() : map;
    }

    @Override
    public UV get(UK key) {
      return map().get(key);
    }

    @Override
    public void put(UK key, UV value) {
      Map<UK, UV> map = map();
      map.put(key, value);
      writeStored(map);
    }

    @Override
    public void putAll(Map<UK, UV> entries) {
      Map<UK, UV> map = map();
      map.putAll(entries);
      writeStored(map);
    }

    @Override
    public void remove(UK key) {
      Map<UK, UV> map = map();
      if (map.remove(key) != null) {
        if (map.isEmpty()) {
          clear();
        } else {
          writeStored(map);
        }
      }
    }

    @Override
    public boolean contains(UK key) {
      return map().containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<UK, UV>> entries() {
      return new LinkedHashMap<>(map()).entrySet();
    }

    @Override
    public Iterable<UK> keys() {
      return new ArrayList<>(map().keySet());
    }

    @Override
    public Iterable<UV> values() {
      return new ArrayList<>(map().values());
    }

    @Override
    public boolean isEmpty() {
      return map().isEmpty();
    }
  }

  static final class Reducing<K, N, V> extends RocksState<K, N, V>
      implements ReducingState<V>, InternalMergingState<N>, InternalAppendingState<N, V> {
    private final ReduceFunction<V> reduce;

    Reducing(RocksDBKeyedStateBackend<K> backend, ColumnFamilyHandle family, TypeSerializer<N> ns, TypeSerializer<V> s,
        StateDescriptor<?, ?> descriptor, ReduceFunction<V> reduce) {
      super(backend, family, ns, s, descriptor);
      this.reduce = reduce;
    }

    @Override
    public V get() {
      return readStored();
    }

    @Override
    public void add(V value) throws Exception {
      addAndReportCreated(value);
    }

    @Override
    public boolean addAndReportCreated(V value) throws Exception {
      V current = readStored();
      writeStored(current == null ? value : reduce.reduce(current, value));
      return current == null;
    }

    @Override
    public void mergeNamespaces(N target, Collection<N> sources) {
      mergeNamespaces(target, sources, (a, b) -> {
        try {
          return reduce.reduce(a, b);
        } catch (Exception e) {
          throw new IllegalStateException("The reduce function of keyed state '" + name + "' failed", e);
        }
      });
    }
  }

  static final class Aggregating<K, N, IN, ACC, OUT> extends RocksState<K, N, ACC>
      implements AggregatingState<IN, OUT>, InternalMergingState<N>, InternalAppendingState<N, IN> {
    private final AggregateFunction<IN, ACC, OUT> aggregate;

    Aggregating(RocksDBKeyedStateBackend<K> backend, ColumnFamilyHandle family, TypeSerializer<N> ns,
        TypeSerializer<ACC> s, StateDescriptor<?, ?> descriptor, AggregateFunction<IN, ACC, OUT> aggregate) {
      super(backend, family, ns, s, descriptor);
      this.aggregate = aggregate;
    }

    @Override
    public OUT get() {
      ACC acc = readStored();
      return acc == null ? null : aggregate.getResult(acc);
    }

    @Override
    public void add(IN value) {
      addAndReportCreated(value);
    }

    @Override
    public boolean addAndReportCreated(IN value) {
      ACC acc = readStored();
      boolean created = acc == null;
      writeStored(aggregate.add(value, created ? aggregate.createAccumulator() : acc));
      return created;
    }

    @Override
    public void mergeNamespaces(N target, Collection<N> sources) {
      mergeNamespaces(target, sources, aggregate::merge);
    }
  }
}
