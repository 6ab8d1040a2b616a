package io.nagare.runtime.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimerSetTest {

  @Test
  void behavesLikeAHashSetUnderRandomAddsAndRemovesWithManyCollisions() {
    TimerSet<Integer, String> set = new TimerSet<>();
    Set<TimerEntry<Integer, String>> reference = new HashSet<>();
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      TimerEntry<Integer, String> t = new TimerEntry<>(random.nextInt(50), random.nextInt(40), "ns" + random.nextInt(3));
      if (random.nextInt(3) == 0) {
        assertThat(set.remove(t)).isEqualTo(reference.remove(t));
      } else {
        assertThat(set.add(t)).isEqualTo(reference.add(t));
      }
      assertThat(set.size()).isEqualTo(reference.size());
    }
    for (TimerEntry<Integer, String> t : reference) {
      assertThat(set.add(t)).isFalse();
    }
  }

  @Test
  void timerQueueFiresInTimestampOrderAndFifoWithinATimestamp() {
    TimestampGroups<String, String> q = new TimestampGroups<>();
    q.add(new TimerEntry<>(20, "b", "n"));
    q.add(new TimerEntry<>(10, "a", "n"));
    q.add(new TimerEntry<>(20, "c", "n"));
    q.add(new TimerEntry<>(5, "d", "n"));
    assertThat(q.peekTime()).isEqualTo(5);
    assertThat(q.pollDue(4)).isNull();
    StringBuilder order = new StringBuilder();
    TimerEntry<String, String> t;
    while ((t = q.pollDue(20)) != null) {
      order.append(t.key()).append(t.timestamp()).append(' ');
    }
    assertThat(order.toString()).isEqualTo("d5 a10 b20 c20 ");
    assertThat(q.pollDue(Long.MAX_VALUE)).isNull();
    q.add(new TimerEntry<>(Long.MAX_VALUE, "end", "n"));
    assertThat(q.pollDue(Long.MAX_VALUE - 1)).isNull();
    assertThat(q.pollDue(Long.MAX_VALUE).key()).isEqualTo("end");
  }
}
