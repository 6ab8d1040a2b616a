package io.nagare.state.ttl;

import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.state.StateTtlConfig;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.PojoField;
import io.nagare.api.typeinfo.RecordTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.state.InternalKvState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keyed state with a time-to-live, on top of any backend: the backend stores {@link TtlValue}s
 * (per value, per list element, per map entry), and the handles here stamp what is written, hide
 * (and remove) what has expired when read, run incremental cleanup on every access, and give the
 * backend a filter that leaves expired values out of snapshots. Used on the subtask's thread only.
 */
public final class TtlStates {
  private TtlStates() {}

  /**
   * A state handle with time-to-live, the filter that drops expired values from a stored value, and
   * one step of incremental cleanup.
   */
  public record Handle<S>(S state, UnaryOperator<Object> filter, Runnable cleanup) {}

  /**
   * The states with a time-to-live of one backend: their handles by name, and the cleanup steps
   * that run for every record. Subtask thread only.
   */
  public static final class Registry {
    private final Map<String, Handle<?>> handles = new HashMap<>();
    private final List<Runnable> perRecord = new ArrayList<>();

    /** The handle of state {@code descriptor}, created through {@code context} on first use. */
    @SuppressWarnings("unchecked")
    public <S extends State> Handle<S> getOrCreate(StateDescriptor<S, ?> descriptor, TtlContext context) {
      Handle<S> handle = (Handle<S>) handles.get(descriptor.getName());
      if (handle == null) {
        handle = create(descriptor, context);
        handles.put(descriptor.getName(), handle);
        if (descriptor.getTtlConfig().isCleanupForEveryRecord()) {
          perRecord.add(handle.cleanup());
        }
      }
      return handle;
    }

    /** The handle of state {@code name}, or null if it has no time-to-live. */
    public Handle<?> get(String name) {
      return handles.get(name);
    }

    /** A record is being processed: runs the cleanup steps configured for every record. */
    public void onRecord() {
      for (int i = 0; i < perRecord.size(); i++) {
        perRecord.get(i).run();
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <V> TypeInformation<TtlValue<V>> ttlType(TypeInformation<V> valueType) {
    return new RecordTypeInfo(TtlValue.class, List.of(new PojoField("value", valueType),
        new PojoField("lastAccess", Types.LONG)));
  }

  /** Wraps state {@code descriptor}, which has a time-to-live, around state created through {@code context}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <S extends State> Handle<S> create(StateDescriptor<S, ?> descriptor, TtlContext context) {
    StateTtlConfig config = descriptor.getTtlConfig();
    Ttl ttl = new Ttl(descriptor.getName(), config, context);
    switch (descriptor.getKind()) {
      case VALUE: {
        ValueStateDescriptor<Object> d = (ValueStateDescriptor<Object>) descriptor;
        ValueState<TtlValue<Object>> inner = context.createInner(new ValueStateDescriptor<>(d.getName(),
            ttlType(d.getTypeInfo())));
        return new Handle<>((S) new TtlValueState<>(inner, ttl, d.getDefaultValue()), ttl::filterSingle, ttl::cleanup);
      }
      case LIST: {
        ListStateDescriptor<Object> d = (ListStateDescriptor<Object>) descriptor;
        ListState<TtlValue<Object>> inner = context.createInner(new ListStateDescriptor<>(d.getName(),
            ttlType(d.getTypeInfo())));
        return new Handle<>((S) new TtlListState<>(inner, ttl), ttl::filterList, ttl::cleanup);
      }
      case MAP: {
        MapStateDescriptor<Object, Object> d = (MapStateDescriptor<Object, Object>) descriptor;
        MapState<Object, TtlValue<Object>> inner = context.createInner(new MapStateDescriptor<>(d.getName(),
            d.getKeyType(), ttlType(d.getValueType())));
        return new Handle<>((S) new TtlMapState<>(inner, ttl), ttl::filterMap, ttl::cleanup);
      }
      case REDUCING: {
        ReducingStateDescriptor<Object> d = (ReducingStateDescriptor<Object>) descriptor;
        ReduceFunction<Object> reduce = d.getReduceFunction();
        ReducingState<TtlValue<Object>> inner = context.createInner(new ReducingStateDescriptor<>(d.getName(),
            (ReduceFunction<TtlValue<Object>>) (a, b) -> ttl.expired(a) ? b
                : new TtlValue<>(reduce.reduce(a.value(), b.value()), b.lastAccess()), ttlType(d.getTypeInfo())));
        return new Handle<>((S) new TtlReducingState<>(inner, ttl), ttl::filterSingle, ttl::cleanup);
      }
      case AGGREGATING: {
        AggregatingStateDescriptor<Object, Object, Object> d = (AggregatingStateDescriptor) descriptor;
        AggregateFunction<Object, Object, Object> f = d.getAggregateFunction();
        AggregateFunction<Object, TtlValue<Object>, Object> wrapped = new AggregateFunction<>() {
          @Override
          public TtlValue<Object> createAccumulator() {
            return new TtlValue<>(f.createAccumulator(), context.now());
          }

          @Override
          public TtlValue<Object> add(Object value, TtlValue<Object> acc) {
            Object base = ttl.expired(acc) ? f.createAccumulator() : acc.value();
            return new TtlValue<>(f.add(value, base), context.now());
          }

          @Override
          public Object getResult(TtlValue<Object> acc) {
            return ttl.visible(acc) ? f.getResult(acc.value()) : null;
          }

          @Override
          public TtlValue<Object> merge(TtlValue<Object> a, TtlValue<Object> b) {
            return new TtlValue<>(f.merge(a.value(), b.value()), Math.max(a.lastAccess(), b.lastAccess()));
          }
        };
        AggregatingState<Object, Object> inner = context.createInner(new AggregatingStateDescriptor<>(d.getName(),
            wrapped, ttlType(d.getTypeInfo())));
        return new Handle<>((S) new TtlAggregatingState<>(inner, ttl), ttl::filterSingle, ttl::cleanup);
      }
      default:
        throw new IllegalArgumentException("No time-to-live for " + descriptor);
    }
  }

  /** The time-to-live rules of one state. */
  static final class Ttl {
    private final String name;
    private final StateTtlConfig config;
    private final TtlContext context;

    Ttl(String name, StateTtlConfig config, TtlContext context) {
      this.name = name;
      this.config = config;
      this.context = context;
    }

    boolean expired(TtlValue<?> v) {
      return v.lastAccess() + config.getTtlMillis() <= context.now();
    }

    /** Whether a stored value may be returned. */
    boolean visible(TtlValue<?> v) {
      return v != null && (!expired(v)
          || config.getStateVisibility() == StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp);
    }

    boolean refreshOnRead() {
      return config.getUpdateType() == StateTtlConfig.UpdateType.OnReadAndWrite;
    }

    <V> TtlValue<V> stamp(V value) {
      return new TtlValue<>(value, context.now());
    }

    void cleanup() {
      if (config.getCleanupSize() > 0) {
        context.cleanupIncrementally(name, config.getCleanupSize(), this::filterAny);
      }
    }

    private Object filterAny(Object stored) {
      if (stored instanceof TtlValue) {
        return filterSingle(stored);
      }
      if (stored instanceof List) {
        return filterList(stored);
      }
      return filterMap(stored);
    }

    Object filterSingle(Object stored) {
      return expired((TtlValue<?>) stored) ? null : stored;
    }

    @SuppressWarnings("unchecked")
    Object filterList(Object stored) {
      List<TtlValue<Object>> list = (List<TtlValue<Object>>) stored;
      List<TtlValue<Object>> alive = new ArrayList<>(list.size());
      for (TtlValue<Object> v : list) {
        if (!expired(v)) {
          alive.add(v);
        }
      }
      return alive.isEmpty() ? null : alive.size() == list.size() ? list : alive;
    }

    @SuppressWarnings("unchecked")
    Object filterMap(Object stored) {
      Map<Object, TtlValue<Object>> map = (Map<Object, TtlValue<Object>>) stored;
      Map<Object, TtlValue<Object>> alive = new HashMap<>();
      for (Map.Entry<Object, TtlValue<Object>> e : map.entrySet()) {
        if (!expired(e.getValue())) {
          alive.put(e.getKey(), e.getValue());
        }
      }
      return alive.isEmpty() ? null : alive.size() == map.size() ? map : alive;
    }
  }

  /** Namespace forwarding shared by the handles. */
  abstract static class Base<N> implements InternalKvState<N> {
    private final InternalKvState<N> inner;
    final Ttl ttl;

    @SuppressWarnings("unchecked")
    Base(State inner, Ttl ttl) {
      this.inner = (InternalKvState<N>) inner;
      this.ttl = ttl;
    }

    @Override
    public void setCurrentNamespace(N namespace) {
      inner.setCurrentNamespace(namespace);
    }
  }

  static final class TtlValueState<N, V> extends Base<N> implements ValueState<V> {
    private final ValueState<TtlValue<V>> inner;
    private final V defaultValue;

    TtlValueState(ValueState<TtlValue<V>> inner, Ttl ttl, V defaultValue) {
      super(inner, ttl);
      this.inner = inner;
      this.defaultValue = defaultValue;
    }

    @Override
    public V value() throws java.io.IOException {
      ttl.cleanup();
      TtlValue<V> v = inner.value();
      if (v == null) {
        return defaultValue;
      }
      if (!ttl.visible(v)) {
        inner.clear();
        return defaultValue;
      }
      if (ttl.refreshOnRead()) {
        inner.update(ttl.stamp(v.value()));
      }
      return v.value();
    }

    @Override
    public void update(V value) throws java.io.IOException {
      ttl.cleanup();
      if (value == null) {
        inner.clear();
      } else {
        inner.update(ttl.stamp(value));
      }
    }

    @Override
    public void clear() {
      inner.clear();
    }
  }

  static final class TtlListState<N, E> extends Base<N> implements ListState<E> {
    private final ListState<TtlValue<E>> inner;

    TtlListState(ListState<TtlValue<E>> inner, Ttl ttl) {
      super(inner, ttl);
      this.inner = inner;
    }

    @Override
    public Iterable<E> get() throws Exception {
      ttl.cleanup();
      List<TtlValue<E>> alive = new ArrayList<>();
      List<E> values = new ArrayList<>();
      boolean removed = false;
      for (TtlValue<E> v : inner.get()) {
        if (ttl.visible(v)) {
          TtlValue<E> kept = ttl.refreshOnRead() ? ttl.stamp(v.value()) : v;
          alive.add(kept);
          values.add(v.value());
        } else {
          removed = true;
        }
      }
      if (removed || ttl.refreshOnRead()) {
        inner.update(alive);
      }
      return values;
    }

    @Override
    public void add(E value) throws Exception {
      ttl.cleanup();
      inner.add(ttl.stamp(value));
    }

    @Override
    public void update(List<E> values) throws Exception {
      ttl.cleanup();
      inner.update(stampAll(values));
    }

    @Override
    public void addAll(List<E> values) throws Exception {
      ttl.cleanup();
      inner.addAll(stampAll(values));
    }

    private List<TtlValue<E>> stampAll(List<E> values) {
      List<TtlValue<E>> stamped = new ArrayList<>(values.size());
      for (E v : values) {
        stamped.add(ttl.stamp(v));
      }
      return stamped;
    }

    @Override
    public void clear() {
      inner.clear();
    }
  }

  static final class TtlMapState<N, K, V> extends Base<N> implements MapState<K, V> {
    private final MapState<K, TtlValue<V>> inner;

    TtlMapState(MapState<K, TtlValue<V>> inner, Ttl ttl) {
      super(inner, ttl);
      this.inner = inner;
    }

    @Override
    public V get(K key) throws Exception {
      ttl.cleanup();
      TtlValue<V> v = inner.get(key);
      if (v == null) {
        return null;
      }
      if (!ttl.visible(v)) {
        inner.remove(key);
        return null;
      }
      if (ttl.refreshOnRead()) {
        inner.put(key, ttl.stamp(v.value()));
      }
      return v.value();
    }

    @Override
    public void put(K key, V value) throws Exception {
      ttl.cleanup();
      inner.put(key, ttl.stamp(value));
    }

    @Override
    public void putAll(Map<K, V> map) throws Exception {
      for (Map.Entry<K, V> e : map.entrySet()) {
        put(e.getKey(), e.getValue());
      }
    }

    @Override
    public void remove(K key) throws Exception {
      inner.remove(key);
    }

    @Override
    public boolean contains(K key) throws Exception {
      return get(key) != null;
    }

    /** The visible entries, after removing expired ones. */
    private Map<K, V> alive() throws Exception {
      ttl.cleanup();
      Map<K, V> alive = new java.util.LinkedHashMap<>();
      List<K> expired = new ArrayList<>();
      for (Map.Entry<K, TtlValue<V>> e : inner.entries()) {
        if (ttl.visible(e.getValue())) {
          alive.put(e.getKey(), e.getValue().value());
        } else {
          expired.add(e.getKey());
        }
      }
      for (K k : expired) {
        inner.remove(k);
      }
      return alive;
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() throws Exception {
      return alive().entrySet();
    }

    @Override
    public Iterable<K> keys() throws Exception {
      return alive().keySet();
    }

    @Override
    public Iterable<V> values() throws Exception {
      return alive().values();
    }

    @Override
    public boolean isEmpty() throws Exception {
      return alive().isEmpty();
    }

    @Override
    public void clear() {
      inner.clear();
    }
  }

  static final class TtlReducingState<N, T> extends Base<N> implements ReducingState<T> {
    private final ReducingState<TtlValue<T>> inner;

    TtlReducingState(ReducingState<TtlValue<T>> inner, Ttl ttl) {
      super(inner, ttl);
      this.inner = inner;
    }

    @Override
    public T get() throws Exception {
      ttl.cleanup();
      TtlValue<T> v = inner.get();
      if (v == null || !ttl.visible(v)) {
        if (v != null) {
          inner.clear();
        }
        return null;
      }
      return v.value();
    }

    @Override
    public void add(T value) throws Exception {
      ttl.cleanup();
      inner.add(ttl.stamp(value));
    }

    @Override
    public void clear() {
      inner.clear();
    }
  }

  static final class TtlAggregatingState<N, IN, OUT> extends Base<N> implements AggregatingState<IN, OUT> {
    private final AggregatingState<IN, OUT> inner;

    TtlAggregatingState(AggregatingState<IN, OUT> inner, Ttl ttl) {
      super(inner, ttl);
      this.inner = inner;
    }

    @Override
    public OUT get() throws Exception {
      ttl.cleanup();
      return inner.get();
    }

    @Override
    public void add(IN value) throws Exception {
      ttl.cleanup();
      inner.add(value);
    }

    @Override
    public void clear() {
      inner.clear();
    }
  }
}
