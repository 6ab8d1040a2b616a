package io.nagare.runtime.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HeapTimerQueueTest {

  /** A key whose hash code is chosen, so that distinct keys collide in a group's index. */
  private record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }
  }

  @Test
  void behavesLikeOrderedSetsPerTimestampUnderRandomAddsRemovesAndPolls() {
    HeapTimerQueue<Key, String> queue = new HeapTimerQueue<>();
    TreeMap<Long, LinkedHashSet<List<Object>>> reference = new TreeMap<>();
    Random random = new Random(42);
    int size = 0;
    for (int i = 0; i < 300_000; i++) {
      long time = random.nextInt(40);
      int id = random.nextInt(300);
      Key key = new Key(id, id % 7);
      String namespace = "ns" + random.nextInt(3);
      List<Object> pair = List.of(key, namespace);
      int op = random.nextInt(10);
      if (op < 5) {
        boolean added = reference.computeIfAbsent(time, t -> new LinkedHashSet<>()).add(pair);
        assertThat(queue.add(time, key, namespace)).isEqualTo(added);
        size += added ? 1 : 0;
      } else if (op < 9) {
        LinkedHashSet<List<Object>> group = reference.get(time);
        boolean removed = group != null && group.remove(pair);
        queue.remove(time, key, namespace);
        size -= removed ? 1 : 0;
      } else {
        long due = random.nextInt(40);
        Map.Entry<Long, LinkedHashSet<List<Object>>> first = reference.firstEntry();
        while (first != null && first.getValue().isEmpty()) {
          reference.remove(first.getKey());
          first = reference.firstEntry();
        }
        TimerEntry<Key, String> polled = queue.pollDue(due);
        if (first == null || first.getKey() > due) {
          assertThat(polled).isNull();
        } else {
          List<Object> expected = first.getValue().iterator().next();
          first.getValue().remove(expected);
          assertThat(List.of(polled.timestamp(), polled.key(), polled.namespace()))
              .isEqualTo(List.of(first.getKey(), expected.get(0), expected.get(1)));
          size--;
        }
      }
      assertThat(queue.size()).isEqualTo(size);
    }
    List<List<Object>> expectedAll = new ArrayList<>();
    reference.forEach((time, group) -> group.forEach(pair -> expectedAll.add(List.of(time, pair.get(0), pair.get(1)))));
    List<List<Object>> entries = new ArrayList<>();
    queue.entries().forEach(t -> entries.add(List.of(t.timestamp(), t.key(), t.namespace())));
    assertThat(entries).containsExactlyInAnyOrderElementsOf(expectedAll);
    List<List<Object>> drained = new ArrayList<>();
    TimerEntry<Key, String> t;
    while ((t = queue.pollDue(Long.MAX_VALUE)) != null) {
      drained.add(List.of(t.timestamp(), t.key(), t.namespace()));
    }
    assertThat(drained).containsExactlyElementsOf(expectedAll);
    assertThat(queue.size()).isZero();
    assertThat(queue.peekTime()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void firesInTimestampOrderAndInAddedOrderWithinATimestamp() {
    HeapTimerQueue<String, String> q = new HeapTimerQueue<>();
    q.add(20, "b", "n");
    q.add(10, "a", "n");
    q.add(20, "c", "n");
    q.add(5, "d", "n");
    assertThat(q.add(20, "b", "n")).isFalse();
    assertThat(q.peekTime()).isEqualTo(5);
    assertThat(q.pollDue(4)).isNull();
    StringBuilder order = new StringBuilder();
    TimerEntry<String, String> t;
    while ((t = q.pollDue(20)) != null) {
      order.append(t.key()).append(t.timestamp()).append(' ');
    }
    assertThat(order.toString()).isEqualTo("d5 a10 b20 c20 ");
    assertThat(q.pollDue(Long.MAX_VALUE)).isNull();
    q.add(Long.MAX_VALUE, "end", "n");
    assertThat(q.pollDue(Long.MAX_VALUE - 1)).isNull();
    assertThat(q.pollDue(Long.MAX_VALUE).key()).isEqualTo("end");
  }

  @Test
  void aTimerAddedWhileItsTimestampFiresFiresInTheSameRound() {
    HeapTimerQueue<String, String> q = new HeapTimerQueue<>();
    q.add(10, "a", "n");
    assertThat(q.pollDue(10).key()).isEqualTo("a");
    assertThat(q.add(10, "a", "n")).isTrue();
    q.add(7, "b", "n");
    assertThat(q.peekTime()).isEqualTo(7);
    assertThat(q.pollDue(10).key()).isEqualTo("b");
    assertThat(q.pollDue(10).key()).isEqualTo("a");
    assertThat(q.pollDue(10)).isNull();
    assertThat(q.size()).isZero();
  }

  @Test
  void aGroupOfManyTimersRemovedAndAddedAgainKeepsEveryTimerOnce() {
    HeapTimerQueue<Integer, String> q = new HeapTimerQueue<>();
    for (int round = 0; round < 5; round++) {
      for (int k = 0; k < 1_000; k++) {
        q.add(100, k, "w");
      }
      for (int k = 0; k < 1_000; k += 2) {
        q.remove(100, k, "w");
      }
    }
    assertThat(q.size()).isEqualTo(500);
    List<Integer> fired = new ArrayList<>();
    TimerEntry<Integer, String> t;
    while ((t = q.pollDue(100)) != null) {
      fired.add(t.key());
    }
    List<Integer> odd = new ArrayList<>();
    for (int k = 1; k < 1_000; k += 2) {
      odd.add(k);
    }
    assertThat(fired).containsExactlyElementsOf(odd);
  }
}
