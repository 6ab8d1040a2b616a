package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.LongSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.InternalKvState;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.Snapshots;
import io.nagare.state.StateBlock;
import io.nagare.state.VoidNamespace;
import io.nagare.state.VoidNamespaceSerializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest {
  private final HeapKeyedStateBackend<String> backend = TestBackends.allKeyGroups();
  private final ValueStateDescriptor<Long> countDescriptor = new ValueStateDescriptor<>("count", Types.LONG);

  @Test
  void describesItsKeySpace() {
    HeapKeyedStateBackend<String> half = TestBackends.withRange(new KeyGroupRange(64, 127));
    assertThat(half.getNumberOfKeyGroups()).isEqualTo(128);
    assertThat(half.getKeyGroupRange()).isEqualTo(new KeyGroupRange(64, 127));
    assertThat(half.getKeySerializer()).isSameAs(StringSerializer.INSTANCE);
  }

  @Test
  void setCurrentKeyComputesTheKeyGroup() {
    backend.setCurrentKey("a");
    assertThat(backend.getCurrentKey()).isEqualTo("a");
    assertThat(backend.getCurrentKeyGroupIndex()).isEqualTo(81);
    backend.setCurrentKey("nagare");
    assertThat(backend.getCurrentKeyGroupIndex())
        .isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup("nagare", TestBackends.KEY_GROUPS));
  }

  @Test
  void keyOutsideTheRangeFailsAndNamesTheCause() {
    HeapKeyedStateBackend<String> lowerHalf = TestBackends.withRange(new KeyGroupRange(0, 63));
    lowerHalf.setCurrentKey("b");
    String before = lowerHalf.getCurrentKey();

    assertThatThrownBy(() -> lowerHalf.setCurrentKey("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Key 'a' belongs to key group 81, outside this subtask's key group range [0, 63]:"
            + " the key selector is not deterministic");
    assertThat(lowerHalf.getCurrentKey()).isEqualTo(before);
  }

  @Test
  void nullKeysAreRejected() {
    assertThatThrownBy(() -> backend.setCurrentKey(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void sameNameGivesTheSameHandle() {
    ValueState<Long> first = backend.getOrCreateKeyedState(countDescriptor);
    ValueState<Long> second = backend.getOrCreateKeyedState(new ValueStateDescriptor<>("count", Types.LONG));
    ValueState<Long> third = backend.getOrCreateKeyedState(VoidNamespaceSerializer.INSTANCE, countDescriptor);
    assertThat(second).isSameAs(first);
    assertThat(third).isSameAs(first);
  }

  @Test
  void reRegisteringANameAsAnotherKindFails() {
    backend.getOrCreateKeyedState(countDescriptor);
    assertThatThrownBy(() -> backend.getOrCreateKeyedState(new ListStateDescriptor<>("count", Types.LONG)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Keyed state 'count' is already registered as VALUE state of Long; it cannot be registered"
            + " again as LIST state of Long. Give each state its own name.");
  }

  @Test
  void reRegisteringANameWithAnotherTypeFails() {
    backend.getOrCreateKeyedState(countDescriptor);
    assertThatThrownBy(() -> backend.getOrCreateKeyedState(new ValueStateDescriptor<>("count", Types.STRING)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Keyed state 'count' is already registered as VALUE state of Long; it cannot be registered"
            + " again as VALUE state of String. Give each state its own name.");
  }

  @Test
  void reRegisteringANameWithAnotherNamespaceFails() {
    backend.getOrCreateKeyedState(countDescriptor);
    assertThatThrownBy(() -> backend.getOrCreateKeyedState(StringSerializer.INSTANCE, countDescriptor))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Keyed state 'count' is already registered with namespace serializer "
            + VoidNamespaceSerializer.class.getName() + "; it cannot be registered again with "
            + StringSerializer.class.getName() + ". Give each state its own name.");
  }

  @Test
  void keysLandInTheSlotOfTheirKeyGroup() throws Exception {
    KeyGroupRange range = new KeyGroupRange(32, 95);
    HeapKeyedStateBackend<String> middle = TestBackends.withRange(range);
    ValueState<Long> count = middle.getOrCreateKeyedState(countDescriptor);
    int[] expected = new int[TestBackends.KEY_GROUPS];
    int stored = 0;
    for (int i = 0; i < 1000; i++) {
      String key = "k" + i;
      int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, TestBackends.KEY_GROUPS);
      if (range.contains(keyGroup)) {
        middle.setCurrentKey(key);
        count.update((long) i);
        expected[keyGroup]++;
        stored++;
      }
    }

    StateTable<String, ?, ?> table = middle.getStateTable("count");
    for (int keyGroup = 32; keyGroup <= 95; keyGroup++) {
      assertThat(table.getMapForKeyGroup(keyGroup).size()).as("entries in key group %d", keyGroup)
          .isEqualTo(expected[keyGroup]);
    }
    assertThat(middle.numKeyValueStateEntries()).isEqualTo(stored).isGreaterThan(400);
    assertThatThrownBy(() -> table.getMapForKeyGroup(31))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key group 31 is outside KeyGroupRange[32, 95]");
  }

  @Test
  void countsEntriesOverAllStatesAndNamespaces() throws Exception {
    ValueState<Long> count = backend.getOrCreateKeyedState(countDescriptor);
    ListState<Long> windowed =
        backend.getOrCreateKeyedState(StringSerializer.INSTANCE, new ListStateDescriptor<>("windowed", Types.LONG));
    @SuppressWarnings("unchecked")
    InternalKvState<String> windowedInternal = (InternalKvState<String>) windowed;
    for (String key : List.of("a", "b", "c")) {
      backend.setCurrentKey(key);
      count.update(1L);
      for (String window : List.of("w1", "w2")) {
        windowedInternal.setCurrentNamespace(window);
        windowed.add(1L);
      }
    }
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(3 + 3 * 2);

    backend.setCurrentKey("b");
    count.clear();
    windowedInternal.setCurrentNamespace("w1");
    windowed.clear();
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(2 + 5);
  }

  @Test
  void getKeysListsTheKeysOfANamespace() throws Exception {
    ValueState<Long> windowed =
        backend.getOrCreateKeyedState(StringSerializer.INSTANCE, new ValueStateDescriptor<>("windowed", Types.LONG));
    @SuppressWarnings("unchecked")
    InternalKvState<String> internal = (InternalKvState<String>) windowed;
    ValueState<Long> count = backend.getOrCreateKeyedState(countDescriptor);
    backend.setCurrentKey("a");
    internal.setCurrentNamespace("w1");
    windowed.update(1L);
    count.update(1L);
    backend.setCurrentKey("b");
    windowed.update(2L);
    backend.setCurrentKey("c");
    internal.setCurrentNamespace("w2");
    windowed.update(3L);

    assertThat(backend.getKeys("windowed", "w1")).containsExactlyInAnyOrder("a", "b");
    assertThat(backend.getKeys("windowed", "w2")).containsExactly("c");
    assertThat(backend.getKeys("windowed", "w3")).isEmpty();
    assertThat(backend.getKeys("count", VoidNamespace.INSTANCE)).containsExactly("a");
    assertThat(backend.getKeys("unknown", VoidNamespace.INSTANCE)).isEmpty();
  }

  @Test
  void applyToAllKeysVisitsEachKeyAsCurrentAndRestoresTheContext() throws Exception {
    ValueState<Long> windowed =
        backend.getOrCreateKeyedState(StringSerializer.INSTANCE, new ValueStateDescriptor<>("windowed", Types.LONG));
    @SuppressWarnings("unchecked")
    InternalKvState<String> internal = (InternalKvState<String>) windowed;
    internal.setCurrentNamespace("w1");
    for (String key : List.of("a", "b", "c")) {
      backend.setCurrentKey(key);
      windowed.update(10L);
    }
    backend.setCurrentKey("c");
    internal.setCurrentNamespace("w2");
    windowed.update(20L);
    backend.setCurrentKey("z");
    internal.setCurrentNamespace("w9");

    List<String> visited = new ArrayList<>();
    backend.applyToAllKeys("w1", StringSerializer.INSTANCE, new ValueStateDescriptor<>("windowed", Types.LONG),
        (key, state) -> {
          visited.add(key);
          assertThat(backend.getCurrentKey()).isEqualTo(key);
          if (key.equals("b")) {
            state.clear();
          } else {
            state.update(state.value() + 1);
          }
        });

    assertThat(visited).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(backend.getCurrentKey()).isEqualTo("z");
    assertThat(backend.getCurrentKeyGroupIndex())
        .isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup("z", TestBackends.KEY_GROUPS));
    assertThat(windowed.value()).isNull();
    internal.setCurrentNamespace("w1");
    assertThat(backend.getKeys("windowed", "w1")).containsExactlyInAnyOrder("a", "c");
    backend.setCurrentKey("a");
    assertThat(windowed.value()).isEqualTo(11L);
    backend.setCurrentKey("c");
    assertThat(windowed.value()).isEqualTo(11L);
    internal.setCurrentNamespace("w2");
    assertThat(windowed.value()).isEqualTo(20L);
  }

  @Test
  void createsSerializersOfTheStoredValues() {
    List<TypeInformation<?>> requested = new ArrayList<>();
    HeapKeyedStateBackend<String> recording = new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, 128,
        new KeyGroupRange(0, 127), type -> {
          requested.add(type);
          return TestSerializers.forType(type);
        });
    recording.getOrCreateKeyedState(countDescriptor);
    recording.getOrCreateKeyedState(new ListStateDescriptor<>("list", Types.STRING));
    recording.getOrCreateKeyedState(new MapStateDescriptor<>("map", Types.STRING, Types.INT));
    recording.getOrCreateKeyedState(countDescriptor);

    assertThat(requested).containsExactly(
        Types.LONG, Types.LIST(Types.STRING), Types.MAP(Types.STRING, Types.INT));
    TypeSerializer<?> listSerializer = recording.getStateTable("list").getMetaInfo().getStateSerializer();
    assertThat(listSerializer).isInstanceOf(TestSerializers.JavaSerializer.class);
  }

  @Test
  void aMissingSerializerNamesTheState() {
    HeapKeyedStateBackend<String> failing = new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, 128,
        new KeyGroupRange(0, 127), type -> {
          throw new UnsupportedOperationException("No serializer for " + type);
        });
    assertThatThrownBy(() -> failing.getOrCreateKeyedState(countDescriptor))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot create the serializer of keyed state 'count' (type Long): No serializer for Long")
        .hasCauseInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void defaultSerializerFactoryCoversBasicTypes() throws Exception {
    HeapKeyedStateBackend<Long> longKeys =
        new HeapKeyedStateBackend<>(LongSerializer.INSTANCE, 128, new KeyGroupRange(0, 127));
    ValueState<String> name = longKeys.getOrCreateKeyedState(new ValueStateDescriptor<>("name", Types.STRING));
    longKeys.setCurrentKey(42L);
    assertThat(longKeys.getCurrentKeyGroupIndex()).isEqualTo(29);
    name.update("x");
    assertThat(name.value()).isEqualTo("x");
  }

  @Test
  void closeDropsAllState() throws Exception {
    ValueState<Long> count = backend.getOrCreateKeyedState(countDescriptor);
    backend.setCurrentKey("a");
    count.update(1L);
    backend.close();
    assertThat(backend.numKeyValueStateEntries()).isZero();
    assertThat(backend.getStateTable("count")).isNull();
  }

  @Test
  void rejectsInconsistentKeySpaces() {
    assertThatThrownBy(() -> new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, 0, KeyGroupRange.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The number of key groups must be in [1, 32768], not 0");
    assertThatThrownBy(() -> new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, 64, new KeyGroupRange(0, 64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KeyGroupRange[0, 64] exceeds the 64 key groups");
  }

  /**
   * A snapshot is a copy-on-write view: taken in one step, written later (as the checkpoint I/O
   * thread does) while the state goes on changing, it still holds the state of the moment it was
   * taken — including lists changed in place after a read.
   */
  @Test
  void aSnapshotWrittenLaterHoldsTheStateOfWhenItWasTaken() throws Exception {
    ValueState<Long> count = backend.getOrCreateKeyedState(countDescriptor);
    ListState<Long> list = backend.getOrCreateKeyedState(new ListStateDescriptor<>("list", Types.LONG));
    for (int k = 0; k < 200; k++) {
      backend.setCurrentKey("k" + k);
      count.update((long) k);
      list.add((long) k);
    }
    KeyedStateSnapshot snapshot = backend.snapshot(1, false);
    for (int k = 0; k < 200; k++) {
      backend.setCurrentKey("k" + k);
      count.update(-1L);
      list.add(-1L);
      if (k % 2 == 0) {
        list.clear();
      }
    }
    for (int k = 200; k < 1000; k++) {
      backend.setCurrentKey("k" + k);
      count.update((long) k);
    }
    byte[] written = Snapshots.bytesOf(snapshot, null);
    snapshot.release();

    HeapKeyedStateBackend<String> restored = TestBackends.allKeyGroups();
    restored.restore(StateBlock.of(written));
    ValueState<Long> restoredCount = restored.getOrCreateKeyedState(countDescriptor);
    ListState<Long> restoredList = restored.getOrCreateKeyedState(new ListStateDescriptor<>("list", Types.LONG));
    assertThat(restored.numKeyValueStateEntries()).isEqualTo(400);
    for (int k = 0; k < 200; k++) {
      restored.setCurrentKey("k" + k);
      assertThat(restoredCount.value()).isEqualTo(k);
      assertThat(restoredList.get()).containsExactly((long) k);
    }
    backend.setCurrentKey("k1");
    assertThat(list.get()).containsExactly(1L, -1L);
    assertThat(count.value()).isEqualTo(-1L);
  }
}
