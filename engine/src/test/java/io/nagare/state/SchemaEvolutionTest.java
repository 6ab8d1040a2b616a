package io.nagare.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.LongSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.heap.HeapKeyedStateBackend;
import io.nagare.state.rocksdb.RocksDBKeyedStateBackend;
import io.nagare.testing.ClassVersions;
import io.nagare.testing.LocalSharedDirectory;
import io.nagare.testing.SavepointTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State written with one version of a user class and restored by a job whose class of the same
 * name has another shape: compatible as is, migrated, or refused with a message naming the state,
 * the operator and the difference; on the heap backend, on RocksDB from a savepoint (canonical
 * format, migrated as it is loaded) and from its own files (migrated eagerly at registration).
 * Each version of a class is compiled at test time into its own class loader.
 */
class SchemaEvolutionTest {
  private static final String OPERATOR = "operator 'Counter (uid counter-1)'";

  @TempDir
  Path temp;

  private final List<KeyedStateBackend<?>> opened = new ArrayList<>();
  private int directories;

  enum Backend { HEAP, ROCKSDB_SAVEPOINT, ROCKSDB_CHECKPOINT }

  @AfterEach
  void closeAll() {
    opened.forEach(KeyedStateBackend::close);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void pojoFieldsAddedGetTheirDefaultsAndRemovedFieldsAreDropped(Backend backend) throws Exception {
    ClassLoader v1 = classes("evo.Account", "public class Account { public String owner; public int amount;"
        + " public Account() {} }");
    ClassLoader v2 = classes("evo.Account", "public class Account { public int amount; public String note;"
        + " public long points = 5; public Account() {} }");
    byte[] snapshot = write(backend, v1, b -> {
      ValueState<Object> accounts = b.getOrCreateKeyedState(new ValueStateDescriptor<>("accounts", type(v1, "evo.Account")));
      b.setCurrentKey("k1");
      accounts.update(pojo(v1, "evo.Account", Map.of("owner", "ann", "amount", 42)));
      b.setCurrentKey("k2");
      accounts.update(pojo(v1, "evo.Account", Map.of("owner", "bob", "amount", -7)));
    });

    for (int round = 0; round < 2; round++) {
      KeyedStateBackend<String> restored = restore(backend, snapshot, v2);
      ValueState<Object> accounts = restored.getOrCreateKeyedState(
          new ValueStateDescriptor<>("accounts", type(v2, "evo.Account")));
      restored.setCurrentKey("k1");
      assertThat(fields(accounts.value())).isEqualTo(Map.of("amount", 42, "note", "null", "points", 5L));
      restored.setCurrentKey("k2");
      assertThat(fields(accounts.value())).isEqualTo(Map.of("amount", -7, "note", "null", "points", 5L));
      snapshot = snapshot(backend, restored);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void pojoFieldWhoseTypeChangedIsRefusedNamingStateOperatorAndField(Backend backend) throws Exception {
    ClassLoader v1 = classes("evo.Account", "public class Account { public String owner; public int amount;"
        + " public Account() {} }");
    ClassLoader v2 = classes("evo.Account", "public class Account { public String owner; public String amount;"
        + " public Account() {} }");
    byte[] snapshot = write(backend, v1, b -> {
      ValueState<Object> accounts = b.getOrCreateKeyedState(new ValueStateDescriptor<>("accounts", type(v1, "evo.Account")));
      b.setCurrentKey("k1");
      accounts.update(pojo(v1, "evo.Account", Map.of("owner", "ann", "amount", 42)));
    });

    KeyedStateBackend<String> restored = restore(backend, snapshot, v2);
    assertThatThrownBy(() -> restored.getOrCreateKeyedState(new ValueStateDescriptor<>("accounts", type(v2, "evo.Account"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot restore state 'accounts' of " + OPERATOR + ": field 'amount' changed from int to"
            + " java.lang.String");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void tupleOfAChangedPojoMigratesAndATupleFieldOfAnotherTypeIsRefused(Backend backend) throws Exception {
    ClassLoader v1 = classes("evo.Item", "public class Item { public String name; public Item() {} }");
    ClassLoader v2 = classes("evo.Item", "public class Item { public String name; public Integer size;"
        + " public Item() {} }");
    byte[] snapshot = write(backend, v1, b -> {
      ValueState<Tuple2<String, Object>> pairs = b.getOrCreateKeyedState(
          new ValueStateDescriptor<>("pairs", Types.TUPLE(Types.STRING, type(v1, "evo.Item"))));
      ValueState<Tuple2<String, Long>> counts = b.getOrCreateKeyedState(
          new ValueStateDescriptor<>("counts", Types.TUPLE(Types.STRING, Types.LONG)));
      b.setCurrentKey("k1");
      pairs.update(Tuple2.of("first", pojo(v1, "evo.Item", Map.of("name", "lamp"))));
      counts.update(Tuple2.of("k1", 3L));
    });

    KeyedStateBackend<String> restored = restore(backend, snapshot, v2);
    ValueState<Tuple2<String, Object>> pairs = restored.getOrCreateKeyedState(
        new ValueStateDescriptor<>("pairs", Types.TUPLE(Types.STRING, type(v2, "evo.Item"))));
    restored.setCurrentKey("k1");
    assertThat(pairs.value().f0).isEqualTo("first");
    assertThat(fields(pairs.value().f1)).isEqualTo(Map.of("name", "lamp", "size", "null"));
    assertThatThrownBy(() -> restored.getOrCreateKeyedState(
        new ValueStateDescriptor<>("counts", Types.TUPLE(Types.STRING, Types.INT))))
        .hasMessage("Cannot restore state 'counts' of " + OPERATOR + ": field f1 changed from java.lang.Long to"
            + " java.lang.Integer");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordComponentsAddedAreNullOrZeroAndRemovedOnesAreDropped(Backend backend) throws Exception {
    ClassLoader v1 = classes("evo.Reading", "public record Reading(String sensor, double value, int count) {}");
    ClassLoader v2 = classes("evo.Reading", "public record Reading(String unit, String sensor, double value,"
        + " long samples) {}");
    ClassLoader v3 = classes("evo.Reading", "public record Reading(String sensor, float value, int count) {}");
    byte[] snapshot = write(backend, v1, b -> {
      ValueState<Object> readings = b.getOrCreateKeyedState(new ValueStateDescriptor<>("readings", type(v1, "evo.Reading")));
      b.setCurrentKey("k1");
      readings.update(record(v1, "evo.Reading", "s-1", 21.5d, 4));
    });

    KeyedStateBackend<String> restored = restore(backend, snapshot, v2);
    ValueState<Object> readings = restored.getOrCreateKeyedState(
        new ValueStateDescriptor<>("readings", type(v2, "evo.Reading")));
    restored.setCurrentKey("k1");
    assertThat(readings.value().toString()).isEqualTo("Reading[unit=null, sensor=s-1, value=21.5, samples=0]");

    KeyedStateBackend<String> refused = restore(backend, snapshot, v3);
    assertThatThrownBy(() -> refused.getOrCreateKeyedState(new ValueStateDescriptor<>("readings", type(v3, "evo.Reading"))))
        .hasMessage("Cannot restore state 'readings' of " + OPERATOR + ": component 'value' changed from double to float");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void listAndMapStatesAndListValuesOfAChangedPojoMigrate(Backend backend) throws Exception {
    ClassLoader v1 = classes("evo.Item", "public class Item { public String name; public int weight; public Item() {} }");
    ClassLoader v2 = classes("evo.Item", "public class Item { public String colour; public String name;"
        + " public Item() {} }");
    byte[] snapshot = write(backend, v1, b -> {
      ListState<Object> history = b.getOrCreateKeyedState(new ListStateDescriptor<>("history", type(v1, "evo.Item")));
      MapState<String, Object> byName = b.getOrCreateKeyedState(
          new MapStateDescriptor<>("byName", Types.STRING, type(v1, "evo.Item")));
      ValueState<List<Object>> baskets = b.getOrCreateKeyedState(
          new ValueStateDescriptor<>("baskets", Types.LIST(type(v1, "evo.Item"))));
      b.setCurrentKey("k1");
      history.add(pojo(v1, "evo.Item", Map.of("name", "lamp", "weight", 3)));
      history.add(pojo(v1, "evo.Item", Map.of("name", "desk", "weight", 30)));
      byName.put("lamp", pojo(v1, "evo.Item", Map.of("name", "lamp", "weight", 3)));
      List<Object> basket = new ArrayList<>();
      basket.add(pojo(v1, "evo.Item", Map.of("name", "chair", "weight", 8)));
      basket.add(null);
      baskets.update(basket);
    });

    KeyedStateBackend<String> restored = restore(backend, snapshot, v2);
    ListState<Object> history = restored.getOrCreateKeyedState(new ListStateDescriptor<>("history", type(v2, "evo.Item")));
    MapState<String, Object> byName = restored.getOrCreateKeyedState(
        new MapStateDescriptor<>("byName", Types.STRING, type(v2, "evo.Item")));
    ValueState<List<Object>> baskets = restored.getOrCreateKeyedState(
        new ValueStateDescriptor<>("baskets", Types.LIST(type(v2, "evo.Item"))));
    restored.setCurrentKey("k1");
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object item : history.get()) {
      items.add(fields(item));
    }
    assertThat(items).containsExactly(Map.of("colour", "null", "name", "lamp"), Map.of("colour", "null", "name", "desk"));
    assertThat(fields(byName.get("lamp"))).isEqualTo(Map.of("colour", "null", "name", "lamp"));
    assertThat(baskets.value()).hasSize(2);
    assertThat(fields(baskets.value().get(0))).isEqualTo(Map.of("colour", "null", "name", "chair"));
    assertThat(baskets.value().get(1)).isNull();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void kryoFallbackTypesRestoreAsTheyWereAndAChangedClassIsRefused(Backend backend) throws Exception {
    String blob = "public class Blob { private final String text; public Blob(String text) { this.text = text; }"
        + " public String toString() { return \"Blob(\" + text + \")\"; } }";
    ClassLoader v1 = classes("evo.Blob", blob);
    ClassLoader same = classes("evo.Blob", blob);
    ClassLoader v2 = classes("evo.Blob", "public class Blob { private final String text; private final int size;"
        + " public Blob(String text) { this.text = text; this.size = 0; } }");
    byte[] snapshot = write(backend, v1, b -> {
      ValueState<Object> blobs = b.getOrCreateKeyedState(new ValueStateDescriptor<>("blobs", type(v1, "evo.Blob")));
      b.setCurrentKey("k1");
      blobs.update(v1.loadClass("evo.Blob").getConstructor(String.class).newInstance("payload"));
    });

    KeyedStateBackend<String> unchanged = restore(backend, snapshot, same);
    ValueState<Object> blobs = unchanged.getOrCreateKeyedState(new ValueStateDescriptor<>("blobs", type(same, "evo.Blob")));
    unchanged.setCurrentKey("k1");
    assertThat(blobs.value().toString()).isEqualTo("Blob(payload)");
    assertThat(blobs.value().getClass().getClassLoader()).isSameAs(same);

    KeyedStateBackend<String> refused = restore(backend, snapshot, v2);
    assertThatThrownBy(() -> refused.getOrCreateKeyedState(new ValueStateDescriptor<>("blobs", type(v2, "evo.Blob"))))
        .hasMessage("Cannot restore state 'blobs' of " + OPERATOR + ": the value of class evo.Blob, serialised by Kryo,"
            + " changed shape (fields removed or changed: none; added or changed: size (int)); Kryo's field serializer"
            + " cannot read the earlier shape. Keep the class as it was, or give it a POJO shape (public no-argument"
            + " constructor, public or accessible fields) before taking the savepoint");
  }

  @Test
  void aChangedKeyTypeIsRefused() throws Exception {
    byte[] snapshot = write(Backend.HEAP, getClass().getClassLoader(), b -> {
      ValueState<Long> count = b.getOrCreateKeyedState(new ValueStateDescriptor<>("count", Types.LONG));
      b.setCurrentKey("k1");
      count.update(1L);
    });
    HeapKeyedStateBackend<Long> restored = new HeapKeyedStateBackend<>(LongSerializer.INSTANCE, 128,
        new KeyGroupRange(0, 127));
    opened.add(restored);
    restored.setOwnerDescription(OPERATOR);
    restored.restore(StateBlock.of(snapshot));
    assertThatThrownBy(() -> restored.getOrCreateKeyedState(new ValueStateDescriptor<>("count", Types.LONG)))
        .hasMessage("Cannot restore state 'count' of " + OPERATOR + ": the key changed from java.lang.String to"
            + " java.lang.Long");
  }

  @Test
  void aSnapshotOfALaterFormatVersionIsRefused() {
    HeapKeyedStateBackend<String> b = heap();
    byte[] later = {0, 0, 0, 4, 0, 0, 0, 0};
    assertThatThrownBy(() -> b.restore(StateBlock.of(later)))
        .isInstanceOf(IOException.class)
        .hasMessage("Keyed state snapshot version 4 cannot be read (written by a later version of nagare?); this version"
            + " reads 1 to 3");
  }

  @Test
  void aRocksDbListStateRestoredButNotRegisteredSurvivesASavepoint() throws Exception {
    byte[] checkpoint = write(Backend.ROCKSDB_CHECKPOINT, getClass().getClassLoader(), b -> {
      ListState<String> names = b.getOrCreateKeyedState(new ListStateDescriptor<>("names", Types.STRING));
      b.setCurrentKey("k1");
      names.add("ann");
      names.add("bob");
    });
    KeyedStateBackend<String> unregistered = restore(Backend.ROCKSDB_CHECKPOINT, checkpoint, getClass().getClassLoader());
    byte[] savepoint = snapshot(Backend.ROCKSDB_SAVEPOINT, unregistered);

    KeyedStateBackend<String> restored = restore(Backend.HEAP, savepoint, getClass().getClassLoader());
    ListState<String> names = restored.getOrCreateKeyedState(new ListStateDescriptor<>("names", Types.STRING));
    restored.setCurrentKey("k1");
    assertThat(names.get()).containsExactly("ann", "bob");
  }

  /** Writes state with {@code writer} under class loader {@code classes}; returns the snapshot. */
  private byte[] write(Backend backend, ClassLoader classes, StateWriter writer) throws Exception {
    return withClassLoader(classes, () -> {
      KeyedStateBackend<String> b = backend == Backend.HEAP ? heap() : rocksdb();
      writer.write(b);
      return snapshot(backend, b);
    });
  }

  private byte[] snapshot(Backend backend, KeyedStateBackend<String> b) throws Exception {
    KeyedStateSnapshot snapshot = b.snapshot(1, backend == Backend.ROCKSDB_SAVEPOINT);
    try {
      return switch (backend) {
        case HEAP -> Snapshots.bytesOf(snapshot, null);
        case ROCKSDB_SAVEPOINT -> Snapshots.bytesOf(snapshot, SavepointTarget.INSTANCE);
        case ROCKSDB_CHECKPOINT -> Snapshots.bytesOf(snapshot,
            new LocalSharedDirectory(temp.resolve("shared-" + directories++)));
      };
    } finally {
      snapshot.release();
    }
  }

  /** A backend that has taken back {@code snapshot}; its states register under {@code classes}. */
  private KeyedStateBackend<String> restore(Backend backend, byte[] snapshot, ClassLoader classes) throws Exception {
    KeyedStateBackend<String> b = backend == Backend.HEAP ? heap() : rocksdb();
    b.restore(StateBlock.of(snapshot));
    Thread.currentThread().setContextClassLoader(classes);
    return b;
  }

  @AfterEach
  void resetContextClassLoader() {
    Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
  }

  private HeapKeyedStateBackend<String> heap() {
    HeapKeyedStateBackend<String> b = new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, 128, new KeyGroupRange(0, 127));
    b.setOwnerDescription(OPERATOR);
    opened.add(b);
    return b;
  }

  private RocksDBKeyedStateBackend<String> rocksdb() {
    RocksDBKeyedStateBackend<String> b = new RocksDBKeyedStateBackend<>(StringSerializer.INSTANCE, 128,
        new KeyGroupRange(0, 127), temp.resolve("db-" + directories++).toFile(), true);
    b.setOwnerDescription(OPERATOR);
    opened.add(b);
    return b;
  }

  @FunctionalInterface
  private interface StateWriter {
    void write(KeyedStateBackend<String> backend) throws Exception;
  }

  @FunctionalInterface
  private interface Action<T> {
    T run() throws Exception;
  }

  private static <T> T withClassLoader(ClassLoader classes, Action<T> action) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classes);
    try {
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private ClassLoader classes(String className, String body) throws IOException {
    String source = "package " + className.substring(0, className.lastIndexOf('.')) + ";\n" + body;
    return ClassVersions.compile(temp.resolve("classes-" + directories++), Map.of(className, source));
  }

  @SuppressWarnings("unchecked")
  private static TypeInformation<Object> type(ClassLoader classes, String className) throws ClassNotFoundException {
    return (TypeInformation<Object>) TypeInformation.of(classes.loadClass(className));
  }

  private static Object pojo(ClassLoader classes, String className, Map<String, Object> values) throws Exception {
    Class<?> type = classes.loadClass(className);
    Object pojo = type.getConstructor().newInstance();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      type.getField(e.getKey()).set(pojo, e.getValue());
    }
    return pojo;
  }

  private static Object record(ClassLoader classes, String className, Object... components) throws Exception {
    Class<?> type = classes.loadClass(className);
    return type.getDeclaredConstructors()[0].newInstance(components);
  }

  /** The public fields of {@code pojo} by name, nulls as the string "null". */
  private static Map<String, Object> fields(Object pojo) throws IllegalAccessException {
    Map<String, Object> fields = new TreeMap<>();
    for (java.lang.reflect.Field f : pojo.getClass().getFields()) {
      Object value = f.get(pojo);
      fields.put(f.getName(), value == null ? "null" : value);
    }
    return fields;
  }
}
