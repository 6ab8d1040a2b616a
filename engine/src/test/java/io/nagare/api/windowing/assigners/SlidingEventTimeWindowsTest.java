package io.nagare.api.windowing.assigners;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingEventTimeWindowsTest {

  /** Every window of {@code size} starting at {@code offset + k * slide} that holds {@code t}, latest first. */
  private static List<TimeWindow> expected(long t, long size, long slide, long offset) {
    List<TimeWindow> windows = new ArrayList<>();
    for (long start = Math.floorDiv(t - offset, slide) * slide + offset; start > t - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
  }

  @Test
  void reusedWindowListsEqualTheWindowsOfEachTimestamp() {
    long[][] shapes = {{10_000, 2_000, 0}, {10, 3, 0}, {10, 3, 1}, {7, 7, 2}, {5, 8, 0}, {1, 1, 0}};
    Random random = new Random(7);
    for (long[] shape : shapes) {
      SlidingEventTimeWindows assigner = SlidingEventTimeWindows.of(Duration.ofMillis(shape[0]),
          Duration.ofMillis(shape[1]), Duration.ofMillis(shape[2]));
      long t = -50;
      for (int i = 0; i < 20_000; i++) {
        t += random.nextInt(4) == 0 ? -random.nextInt(5) : random.nextInt(3);
        assertThat(assigner.assignWindows(null, t, null))
            .as("size %d slide %d offset %d at %d", shape[0], shape[1], shape[2], t)
            .containsExactlyElementsOf(expected(t, shape[0], shape[1], shape[2]));
      }
    }
  }
}
