package io.nagare.api.windowing.assigners;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.triggers.EventTimeTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Fixed-size, non-overlapping event-time windows {@code [k·size + offset, (k+1)·size + offset)}.
 * Default trigger: fire when the watermark passes the window's end.
 */
public final class TumblingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;
  /**
   * The windows of the previous element, reused while elements stay in them (no allocation or
   * division per element). An assigner instance belongs to one operator subtask: the plan gives
   * each subtask its own copy.
   */
  private transient List<TimeWindow> lastWindows;

  private TumblingEventTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = Math.floorMod(offset, size);
  }

  public static TumblingEventTimeWindows of(Duration size) {
    return new TumblingEventTimeWindows(positiveMillis(size, "The window size"), 0);
  }

  /** Windows shifted by {@code offset} (e.g. -8 h for days in UTC+8). */
  public static TumblingEventTimeWindows of(Duration size, Duration offset) {
    return new TumblingEventTimeWindows(positiveMillis(size, "The window size"), offset.toMillis());
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    long time = eventTimestamp(timestamp);
    List<TimeWindow> last = lastWindows;
    if (last != null && time >= last.get(0).start() && time < last.get(0).end()) {
      return last;
    }
    long start = TimeWindow.getWindowStartWithOffset(time, offset, size);
    last = List.of(new TimeWindow(start, start + size));
    lastWindows = last;
    return last;
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
    return "TumblingEventTimeWindows(" + size + ")";
  }
}
