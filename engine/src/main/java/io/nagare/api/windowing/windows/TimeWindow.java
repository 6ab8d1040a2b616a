package io.nagare.api.windowing.windows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The time interval {@code [start, end)}: an element at exactly {@code end} belongs to the next
 * window. A record, so it serializes as two longs in window state and timers.
 */
public record TimeWindow(long start, long end) implements Window {

  public TimeWindow {
    if (end < start) {
      throw new IllegalArgumentException("A window cannot end (" + end + ") before it starts (" + start + ")");
    }
  }

  public long getStart() {
    return start;
  }

  public long getEnd() {
    return end;
  }

  /** {@code end - 1}. */
  @Override
  public long maxTimestamp() {
    return end - 1;
  }

  /** Whether the two windows overlap or touch (so that sessions merge). */
  public boolean intersects(TimeWindow other) {
    return start <= other.end && end >= other.start;
  }

  /** The smallest window covering both. */
  public TimeWindow cover(TimeWindow other) {
    return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
  }

  /**
   * The start of the window of {@code windowSize} (aligned to {@code offset}) that contains {@code
   * timestamp}; correct for negative timestamps too.
   */
  public static long getWindowStartWithOffset(long timestamp, long offset, long windowSize) {
    long remainder = (timestamp - offset) % windowSize;
    return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
  }

  /**
   * Merges overlapping windows: calls {@code merge} with each resulting window and the windows it
   * covers, for every group of more than one window.
   */
  public static void mergeWindows(Collection<TimeWindow> windows, BiConsumer<TimeWindow, List<TimeWindow>> merge) {
    if (windows.size() < 2) {
      return;
    }
    if (windows.size() == 2) {
      Iterator<TimeWindow> it = windows.iterator();
      TimeWindow a = it.next();
      TimeWindow b = it.next();
      if (a.start > b.start) {
        TimeWindow earlier = b;
        b = a;
        a = earlier;
      }
      if (a.intersects(b)) {
        merge.accept(a.cover(b), new ArrayList<>(List.of(a, b)));
      }
      return;
    }
    List<TimeWindow> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingLong(TimeWindow::start));
    TimeWindow current = null;
    List<TimeWindow> members = new ArrayList<>();
    for (TimeWindow w : sorted) {
      if (current != null && current.intersects(w)) {
        current = current.cover(w);
        members.add(w);
      } else {
        if (members.size() > 1) {
          merge.accept(current, members);
        }
        current = w;
        members = new ArrayList<>();
        members.add(w);
      }
    }
    if (members.size() > 1) {
      merge.accept(current, members);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow && ((TimeWindow) o).start == start && ((TimeWindow) o).end == end;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + Long.hashCode(end);
  }

  @Override
  public String toString() {
    return "TimeWindow{start=" + start + ", end=" + end + "}";
  }
}
