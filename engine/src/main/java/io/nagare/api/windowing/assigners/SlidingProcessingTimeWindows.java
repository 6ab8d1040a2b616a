package io.nagare.api.windowing.assigners;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.triggers.ProcessingTimeTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;

/**
 * Processing-time windows of {@code size} starting every {@code slide}: an element belongs to every
 * window whose interval contains its timestamp (about {@code size / slide} of them; size need not
 * be a multiple of slide). Default trigger: fire when the clock passes the window's end.
 */
public final class SlidingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;

  private SlidingProcessingTimeWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = Math.floorMod(offset, slide);
  }

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide, Duration offset) {
    return new SlidingProcessingTimeWindows(positiveMillis(size, "The window size"), positiveMillis(slide, "The slide"),
        offset.toMillis());
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    return SlidingEventTimeWindows.windowsContaining(context.getCurrentProcessingTime(), size, slide, offset);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return (Trigger) ProcessingTimeTrigger.create();
  }

  @Override
  public TypeInformation<TimeWindow> getWindowType() {
    return TypeInformation.of(TimeWindow.class);
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "SlidingProcessingTimeWindows(" + size + ", " + slide + ")";
  }
}
