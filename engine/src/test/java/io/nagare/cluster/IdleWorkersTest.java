package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleWorkersTest {
  private static Map<String, Integer> used(Object... workerAndSlots) {
    Map<String, Integer> used = new LinkedHashMap<>();
    for (int i = 0; i < workerAndSlots.length; i += 2) {
      used.put((String) workerAndSlots[i], (Integer) workerAndSlots[i + 1]);
    }
    return used;
  }

  @Test
  void aWorkerIsReleasedOnlyAfterBeingIdleForTheWholeTimeout() {
    IdleWorkers idle = new IdleWorkers(1000, 0);
    assertThat(idle.toRelease(used("a", 0, "b", 1), 0, 0)).isEmpty();
    assertThat(idle.toRelease(used("a", 0, "b", 1), 0, 999)).isEmpty();
    assertThat(idle.toRelease(used("a", 0, "b", 1), 0, 1000)).containsExactly("a");
    assertThat(idle.toRelease(used("b", 0), 0, 1500)).isEmpty();
    assertThat(idle.toRelease(used("b", 0), 0, 2500)).containsExactly("b");
  }

  @Test
  void workBetweenChecksRestartsTheIdleTime() {
    IdleWorkers idle = new IdleWorkers(1000, 0);
    idle.toRelease(used("a", 0), 0, 0);
    idle.toRelease(used("a", 2), 0, 500);
    assertThat(idle.toRelease(used("a", 0), 0, 1200)).isEmpty();
    assertThat(idle.toRelease(used("a", 0), 0, 2199)).isEmpty();
    assertThat(idle.toRelease(used("a", 0), 0, 2200)).containsExactly("a");
  }

  @Test
  void theKeptWorkersAndTheSparesStayLongestIdleGoFirst() {
    IdleWorkers idle = new IdleWorkers(100, 2);
    idle.toRelease(used("a", 0, "b", 1, "c", 1, "d", 1), 0, 0);
    idle.toRelease(used("a", 0, "b", 1, "c", 0, "d", 0), 0, 50);
    assertThat(idle.toRelease(used("a", 0, "b", 1, "c", 0, "d", 0), 1, 200))
        .as("four workers, keep two, one idle spare: two go, longest idle first").containsExactly("a", "c");
    assertThat(idle.toRelease(used("b", 0, "d", 0), 1, 1000)).as("down to the two kept").isEmpty();
  }
}
