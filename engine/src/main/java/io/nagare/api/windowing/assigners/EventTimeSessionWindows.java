package io.nagare.api.windowing.assigners;

import io.nagare.api.windowing.triggers.EventTimeTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;

/** Event-time sessions with a fixed or per-element gap; default trigger fires when the watermark passes the session's end. */
public final class EventTimeSessionWindows<T> extends SessionWindows<T> {
  private static final long serialVersionUID = 1L;

  private EventTimeSessionWindows(SessionWindowTimeGapExtractor<T> gap) {
    super(gap);
  }

  public static <T> EventTimeSessionWindows<T> withGap(Duration gap) {
    long millis = positiveMillis(gap, "The session gap");
    return new EventTimeSessionWindows<>(element -> millis);
  }

  public static <T> EventTimeSessionWindows<T> withDynamicGap(SessionWindowTimeGapExtractor<T> extractor) {
    return new EventTimeSessionWindows<>(extractor);
  }

  @Override
  public Collection<TimeWindow> assignWindows(T element, long timestamp, WindowAssignerContext context) {
    return sessionOf(element, eventTimestamp(timestamp));
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Trigger<T, TimeWindow> getDefaultTrigger() {
    return (Trigger) EventTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }
}
