package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.typeinfo.Types;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapMapStateTest {
  private final HeapKeyedStateBackend<String> backend = TestBackends.allKeyGroups();
  private final MapState<String, Long> map =
      backend.getOrCreateKeyedState(new MapStateDescriptor<>("map", Types.STRING, Types.LONG));

  @Test
  void absentMapIsEmpty() throws Exception {
    backend.setCurrentKey("a");
    assertThat(map.get("x")).isNull();
    assertThat(map.contains("x")).isFalse();
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.entries()).isEmpty();
    assertThat(map.keys()).isEmpty();
    assertThat(map.values()).isEmpty();
    map.remove("x");
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void putGetContainsRemove() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", 1L);
    map.put("y", 2L);
    map.put("x", 3L);

    assertThat(map.get("x")).isEqualTo(3L);
    assertThat(map.get("y")).isEqualTo(2L);
    assertThat(map.contains("y")).isTrue();
    assertThat(map.isEmpty()).isFalse();
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);

    map.remove("y");
    assertThat(map.contains("y")).isFalse();
    assertThat(map.get("x")).isEqualTo(3L);
  }

  @Test
  void nullValuesAreKept() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", null);
    assertThat(map.contains("x")).isTrue();
    assertThat(map.get("x")).isNull();
    assertThat(map.isEmpty()).isFalse();
  }

  @Test
  void putAllAddsEveryEntry() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", 1L);
    map.putAll(Map.of("y", 2L, "z", 3L));
    assertThat(map.entries()).containsExactlyInAnyOrder(entry("x", 1L), entry("y", 2L), entry("z", 3L));
    assertThat(map.keys()).containsExactlyInAnyOrder("x", "y", "z");
    assertThat(map.values()).containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void putAllOfNothingCreatesNoEntry() throws Exception {
    backend.setCurrentKey("a");
    map.putAll(Map.of());
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void nullMapKeysAreRejected() throws Exception {
    backend.setCurrentKey("a");
    Map<String, Long> withNullKey = new HashMap<>();
    withNullKey.put("ok", 1L);
    withNullKey.put(null, 2L);

    assertThatThrownBy(() -> map.put(null, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'map' does not accept null map keys");
    assertThatThrownBy(() -> map.putAll(withNullKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'map' does not accept null map keys");
    assertThat(map.isEmpty()).isTrue();
  }

  @Test
  void removingTheLastMapEntryRemovesTheStateEntry() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", 1L);
    map.put("y", 2L);
    map.remove("x");
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
    map.remove("y");
    assertThat(backend.numKeyValueStateEntries()).isZero();
    assertThat(map.isEmpty()).isTrue();
  }

  @Test
  void iteratorRemovalThatEmptiesTheMapRemovesTheStateEntry() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", 1L);
    map.put("y", 2L);
    Iterator<Map.Entry<String, Long>> it = map.entries().iterator();
    it.next();
    it.remove();
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
    it.next();
    it.remove();
    assertThat(backend.numKeyValueStateEntries()).isZero();

    map.put("z", 3L);
    Iterator<String> keys = map.keys().iterator();
    keys.next();
    keys.remove();
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void keysAreIsolated() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", 1L);
    backend.setCurrentKey("b");
    assertThat(map.get("x")).isNull();
    assertThat(map.isEmpty()).isTrue();
    map.put("x", 2L);
    backend.setCurrentKey("a");
    assertThat(map.get("x")).isEqualTo(1L);
  }

  @Test
  void clearRemovesTheWholeMap() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", 1L);
    map.put("y", 2L);
    map.clear();
    assertThat(map.isEmpty()).isTrue();
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void entryValuesCanBeChangedInPlace() throws Exception {
    backend.setCurrentKey("a");
    map.put("x", 1L);
    map.entries().iterator().next().setValue(5L);
    assertThat(map.get("x")).isEqualTo(5L);
  }
}
