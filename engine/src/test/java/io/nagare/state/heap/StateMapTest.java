package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StateMapTest {
  private final StateMap<Long, String, Long> map = new StateMap<>(v -> v);

  @Test
  void emptyMapHasNothing() {
    assertThat(map.size()).isZero();
    assertThat(map.get(1L, "n")).isNull();
    assertThat(map.containsKey(1L, "n")).isFalse();
    assertThat(map.removeAndGet(1L, "n")).isNull();
    assertThat(map.iterator().hasNext()).isFalse();
  }

  @Test
  void keepsEntriesPerKeyAndNamespace() {
    map.put(1L, "a", 10L);
    map.put(1L, "b", 11L);
    map.put(2L, "a", 20L);

    assertThat(map.get(1L, "a")).isEqualTo(10L);
    assertThat(map.get(1L, "b")).isEqualTo(11L);
    assertThat(map.get(2L, "a")).isEqualTo(20L);
    assertThat(map.get(2L, "b")).isNull();
    assertThat(map.size()).isEqualTo(3);

    map.put(1L, "a", 12L);
    assertThat(map.get(1L, "a")).isEqualTo(12L);
    assertThat(map.size()).isEqualTo(3);
  }

  @Test
  void growsAndShrinksThroughManyEntries() {
    for (long key = 0; key < 10_000; key++) {
      map.put(key, key % 2 == 0 ? "even" : "odd", key * 3);
    }
    assertThat(map.size()).isEqualTo(10_000);
    for (long key = 0; key < 10_000; key++) {
      assertThat(map.get(key, key % 2 == 0 ? "even" : "odd")).isEqualTo(key * 3);
      assertThat(map.get(key, key % 2 == 0 ? "odd" : "even")).isNull();
    }
    for (long key = 0; key < 10_000; key += 2) {
      assertThat(map.removeAndGet(key, "even")).isEqualTo(key * 3);
    }
    assertThat(map.size()).isEqualTo(5_000);
    int iterated = 0;
    for (Iterator<StateMap.Entry<Long, String, Long>> it = map.iterator(); it.hasNext(); iterated++) {
      StateMap.Entry<Long, String, Long> entry = it.next();
      assertThat(entry.getKey() % 2).isEqualTo(1L);
      assertThat(entry.getNamespace()).isEqualTo("odd");
      assertThat(entry.getState()).isEqualTo(entry.getKey() * 3);
    }
    assertThat(iterated).isEqualTo(5_000);
  }

  @Test
  void distinguishesKeysWithEqualHashCodes() {
    StateMap<CollidingKey, String, String> colliding = new StateMap<>(v -> v);
    for (int i = 0; i < 50; i++) {
      colliding.put(new CollidingKey(i), "n", "v" + i);
    }
    assertThat(colliding.size()).isEqualTo(50);
    for (int i = 0; i < 50; i++) {
      assertThat(colliding.get(new CollidingKey(i), "n")).isEqualTo("v" + i);
    }
    colliding.remove(new CollidingKey(25), "n");
    assertThat(colliding.get(new CollidingKey(25), "n")).isNull();
    assertThat(colliding.get(new CollidingKey(24), "n")).isEqualTo("v24");
    assertThat(colliding.get(new CollidingKey(26), "n")).isEqualTo("v26");
    assertThat(colliding.size()).isEqualTo(49);
  }

  @Test
  void transformInsertsUpdatesAndRemoves() throws Exception {
    StateTransformation<Long, Long> addOrRemoveAtZero = (previous, delta) -> {
      long sum = (previous == null ? 0 : previous) + delta;
      return sum == 0 ? null : sum;
    };

    map.transform(1L, "n", 5L, addOrRemoveAtZero);
    assertThat(map.get(1L, "n")).isEqualTo(5L);
    map.transform(1L, "n", 2L, addOrRemoveAtZero);
    assertThat(map.get(1L, "n")).isEqualTo(7L);
    map.transform(1L, "n", -7L, addOrRemoveAtZero);
    assertThat(map.containsKey(1L, "n")).isFalse();
    assertThat(map.size()).isZero();
    map.transform(2L, "n", 0L, addOrRemoveAtZero);
    assertThat(map.size()).isZero();
  }

  @Test
  void failedTransformChangesNothing() {
    map.put(1L, "n", 1L);
    StateTransformation<Long, Long> failing = (previous, input) -> {
      throw new IllegalStateException("boom");
    };

    assertThatThrownBy(() -> map.transform(1L, "n", 1L, failing)).hasMessage("boom");
    assertThatThrownBy(() -> map.transform(2L, "n", 1L, failing)).hasMessage("boom");
    assertThat(map.get(1L, "n")).isEqualTo(1L);
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void iteratorFailsFastWhenTheMapChanges() {
    map.put(1L, "n", 1L);
    map.put(2L, "n", 2L);
    Iterator<StateMap.Entry<Long, String, Long>> it = map.iterator();
    it.next();
    map.put(3L, "n", 3L);

    assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void clearRemovesEverything() {
    for (long key = 0; key < 100; key++) {
      map.put(key, "n", key);
    }
    map.clear();
    assertThat(map.size()).isZero();
    assertThat(map.get(5L, "n")).isNull();
    map.put(5L, "n", 6L);
    assertThat(map.get(5L, "n")).isEqualTo(6L);
  }

  private static Map<String, List<Integer>> contents(StateMap.Snapshot<CollidingKey, String, List<Integer>> snapshot) {
    Map<String, List<Integer>> contents = new TreeMap<>();
    for (Iterator<StateMap.Entry<CollidingKey, String, List<Integer>>> it = snapshot.iterator(); it.hasNext(); ) {
      StateMap.Entry<CollidingKey, String, List<Integer>> e = it.next();
      contents.put(e.getKey().id + "/" + e.getNamespace(), List.copyOf(e.getState()));
    }
    return contents;
  }

  /**
   * A snapshot stays exactly as it was taken whatever happens to the map afterwards: writes,
   * removals in the middle of a chain, in-place changes to state objects handed out by reads,
   * transformations, cleanup, and growth; and the map copies each touched entry only once.
   */
  @Test
  void snapshotsStayFrozenWhileTheMapChanges() throws Exception {
    List<List<Integer>> copies = new ArrayList<>();
    StateMap<CollidingKey, String, List<Integer>> lists = new StateMap<>(v -> {
      List<Integer> copy = new ArrayList<>(v);
      copies.add(copy);
      return copy;
    });
    for (int k = 0; k < 5; k++) {
      lists.put(new CollidingKey(k), "n", new ArrayList<>(List.of(k)));
    }
    StateMap.Snapshot<CollidingKey, String, List<Integer>> snapshot = lists.snapshot();
    Map<String, List<Integer>> frozen = contents(snapshot);

    lists.get(new CollidingKey(0), "n").add(100);
    lists.get(new CollidingKey(0), "n").add(101);
    lists.put(new CollidingKey(1), "n", new ArrayList<>(List.of(-1)));
    lists.remove(new CollidingKey(2), "n");
    lists.transform(new CollidingKey(3), "n", 7, (list, x) -> {
      list.add(x);
      return list;
    });
    for (int bucket = 0; bucket < lists.bucketCount(); bucket++) {
      lists.filterBucket(bucket, list -> list.contains(4) ? null : list);
    }
    for (int k = 10; k < 100; k++) {
      lists.put(new CollidingKey(k), "m", new ArrayList<>(List.of(k)));
    }

    assertThat(contents(snapshot)).isEqualTo(frozen);
    assertThat(copies).as("the lists of entries 0 (read twice), 3 (transformed) and 4 (cleaned up), once each")
        .containsExactlyInAnyOrder(List.of(0, 100, 101), List.of(3, 7), List.of(4));
    assertThat(lists.get(new CollidingKey(0), "n")).containsExactly(0, 100, 101);
    assertThat(lists.get(new CollidingKey(3), "n")).containsExactly(3, 7);
    assertThat(lists.containsKey(new CollidingKey(2), "n")).isFalse();
    assertThat(lists.containsKey(new CollidingKey(4), "n")).isFalse();
    assertThat(lists.size()).isEqualTo(3 + 90);

    lists.release(snapshot.version());
    copies.clear();
    lists.get(new CollidingKey(1), "n").add(5);
    assertThat(copies).as("nothing to protect once the snapshot is written").isEmpty();
  }

  private static final class CollidingKey {
    private final int id;

    CollidingKey(int id) {
      this.id = id;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CollidingKey && ((CollidingKey) o).id == id;
    }

    @Override
    public int hashCode() {
      return 7;
    }
  }
}
