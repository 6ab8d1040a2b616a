package io.nagare.api.windowing.assigners;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.triggers.EventTimeTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Event-time windows of {@code size} starting every {@code slide}: an element belongs to every
 * window whose interval contains its timestamp (about {@code size / slide} of them; size need not
 * be a multiple of slide). Default trigger: fire when the watermark passes the window's end.
 */
public final class SlidingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;
  /**
   * The windows of the previous element and the timestamps [{@code lastFrom}, {@code lastTo}) that
   * belong to exactly these windows: elements in that range reuse the list (no allocation per
   * element). An assigner instance belongs to one operator subtask: the plan gives each subtask its
   * own copy.
   */
  private transient List<TimeWindow> lastWindows;
  private transient long lastFrom;
  private transient long lastTo;

  private SlidingEventTimeWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = Math.floorMod(offset, slide);
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide, Duration offset) {
    return new SlidingEventTimeWindows(positiveMillis(size, "The window size"), positiveMillis(slide, "The slide"),
        offset.toMillis());
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    long time = eventTimestamp(timestamp);
    List<TimeWindow> last = lastWindows;
    if (last != null && time >= lastFrom && time < lastTo) {
      return last;
    }
    List<TimeWindow> windows = windowsContaining(time, size, slide, offset);
    if (windows.isEmpty()) {
      return windows;
    }
    long latestStart = windows.get(0).start();
    long earliestStart = windows.get(windows.size() - 1).start();
    lastFrom = Math.max(latestStart, earliestStart - slide + size);
    lastTo = Math.min(latestStart + slide, earliestStart + size);
    lastWindows = List.copyOf(windows);
    return lastWindows;
  }

  static List<TimeWindow> windowsContaining(long timestamp, long size, long slide, long offset) {
    List<TimeWindow> windows = new ArrayList<>((int) (size / slide) + 1);
    long lastStart = TimeWindow.getWindowStartWithOffset(timestamp, offset, slide);
    for (long start = lastStart; start > timestamp - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return (Trigger) EventTimeTrigger.create();
  }

  @Override
  public TypeInformation<TimeWindow> getWindowType() {
    return TypeInformation.of(TimeWindow.class);
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "SlidingEventTimeWindows(" + size + ", " + slide + ")";
  }
}
