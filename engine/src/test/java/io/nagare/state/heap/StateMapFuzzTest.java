package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random operations and overlapping snapshots against a plain map: every snapshot keeps exactly the contents it was taken with. */
class StateMapFuzzTest {

  @Test
  @Timeout(60)
  void snapshotsMatchAModelUnderRandomOperations() throws Exception {
    for (long seed = 0; seed < 40; seed++) {
      run(seed);
    }
  }

  private static void run(long seed) throws Exception {
    Random random = new Random(seed);
    StateMap<Integer, Integer, List<Integer>> map = new StateMap<>(ArrayList::new);
    Map<Long, List<Integer>> model = new HashMap<>();
    List<StateMap.Snapshot<Integer, Integer, List<Integer>>> open = new ArrayList<>();
    List<Map<Long, List<Integer>>> expected = new ArrayList<>();
    for (int step = 0; step < 3_000; step++) {
      int key = random.nextInt(random.nextBoolean() ? 8 : 400);
      int ns = random.nextInt(3);
      long k = ((long) key << 32) | ns;
      switch (random.nextInt(8)) {
        case 0, 1 -> {
          List<Integer> v = new ArrayList<>(List.of(step));
          map.put(key, ns, v);
          model.put(k, new ArrayList<>(v));
        }
        case 2 -> {
          List<Integer> v = map.get(key, ns);
          if (v != null) {
            v.add(step);
            model.get(k).add(step);
          } else {
            assertThat(model).doesNotContainKey(k);
          }
        }
        case 3 -> {
          map.remove(key, ns);
          model.remove(k);
        }
        case 4 -> {
          List<Integer> removed = map.removeAndGet(key, ns);
          List<Integer> m = model.remove(k);
          assertThat(removed).isEqualTo(m);
        }
        case 5 -> {
          int s = step;
          map.transform(key, ns, s, (old, x) -> {
            List<Integer> v = old == null ? new ArrayList<>() : old;
            v.add(x);
            return v;
          });
          model.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
        }
        case 6 -> {
          if (random.nextInt(10) == 0) {
            open.add(map.snapshot());
            Map<Long, List<Integer>> copy = new HashMap<>();
            model.forEach((kk, v) -> copy.put(kk, new ArrayList<>(v)));
            expected.add(copy);
          }
        }
        default -> {
          if (!open.isEmpty() && random.nextInt(6) == 0) {
            int i = random.nextInt(open.size());
            assertThat(contents(open.get(i))).as("seed %d step %d", seed, step).isEqualTo(expected.get(i));
            map.release(open.remove(i).version());
            expected.remove(i);
          } else if (map.bucketCount() > 0) {
            map.filterBucket(random.nextInt(map.bucketCount()), v -> v.size() > 3 ? null : v);
            model.values().removeIf(v -> false);
            Map<Long, List<Integer>> rebuilt = new HashMap<>();
            for (Iterator<StateMap.Entry<Integer, Integer, List<Integer>>> it = map.iterator(); it.hasNext(); ) {
              StateMap.Entry<Integer, Integer, List<Integer>> e = it.next();
              rebuilt.put(((long) e.getKey() << 32) | e.getNamespace(), new ArrayList<>(e.getState()));
            }
            model.clear();
            model.putAll(rebuilt);
          }
        }
      }
    }
    for (int i = 0; i < open.size(); i++) {
      assertThat(contents(open.get(i))).as("seed %d, at the end", seed).isEqualTo(expected.get(i));
    }
    Map<Long, List<Integer>> live = new HashMap<>();
    for (Iterator<StateMap.Entry<Integer, Integer, List<Integer>>> it = map.iterator(); it.hasNext(); ) {
      StateMap.Entry<Integer, Integer, List<Integer>> e = it.next();
      assertThat(live.put(((long) e.getKey() << 32) | e.getNamespace(), e.getState())).isNull();
    }
    assertThat(live).isEqualTo(model);
    assertThat(map.size()).isEqualTo(model.size());
  }

  private static Map<Long, List<Integer>> contents(StateMap.Snapshot<Integer, Integer, List<Integer>> snapshot) {
    Map<Long, List<Integer>> contents = new HashMap<>();
    int n = 0;
    for (Iterator<StateMap.Entry<Integer, Integer, List<Integer>>> it = snapshot.iterator(); it.hasNext(); ) {
      StateMap.Entry<Integer, Integer, List<Integer>> e = it.next();
      assertThat(++n).as("a snapshot's chains end").isLessThanOrEqualTo(snapshot.size());
      contents.put(((long) e.getKey() << 32) | e.getNamespace(), new ArrayList<>(e.getState()));
    }
    return contents;
  }
}
