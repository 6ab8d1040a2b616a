package io.nagare.api.windowing.assigners;

import io.nagare.api.windowing.triggers.ProcessingTimeTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;

/** Processing-time sessions with a fixed or per-element gap; default trigger fires when the clock passes the session's end. */
public final class ProcessingTimeSessionWindows<T> extends SessionWindows<T> {
  private static final long serialVersionUID = 1L;

  private ProcessingTimeSessionWindows(SessionWindowTimeGapExtractor<T> gap) {
    super(gap);
  }

  public static <T> ProcessingTimeSessionWindows<T> withGap(Duration gap) {
    long millis = positiveMillis(gap, "The session gap");
    return new ProcessingTimeSessionWindows<>(element -> millis);
  }

  public static <T> ProcessingTimeSessionWindows<T> withDynamicGap(SessionWindowTimeGapExtractor<T> extractor) {
    return new ProcessingTimeSessionWindows<>(extractor);
  }

  @Override
  public Collection<TimeWindow> assignWindows(T element, long timestamp, WindowAssignerContext context) {
    return sessionOf(element, context.getCurrentProcessingTime());
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Trigger<T, TimeWindow> getDefaultTrigger() {
    return (Trigger) ProcessingTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return false;
  }
}
