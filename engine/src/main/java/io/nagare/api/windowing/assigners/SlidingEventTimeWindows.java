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
    return windowsContaining(eventTimestamp(timestamp), size, slide, offset);
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
