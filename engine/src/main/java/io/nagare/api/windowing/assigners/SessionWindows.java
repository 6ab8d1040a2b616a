package io.nagare.api.windowing.assigners;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.windows.TimeWindow;
import java.util.Collection;
import java.util.List;

/**
 * Sessions: each element opens the window {@code [t, t + gap)}, and windows that overlap or touch
 * merge, so a session ends after a gap without elements. The gap is fixed or taken from each
 * element. Base of {@link EventTimeSessionWindows} and {@link ProcessingTimeSessionWindows}.
 */
abstract class SessionWindows<T> extends MergingWindowAssigner<T, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final SessionWindowTimeGapExtractor<T> gap;

  SessionWindows(SessionWindowTimeGapExtractor<T> gap) {
    this.gap = gap;
  }

  /** The session window of an element at {@code time}. */
  final Collection<TimeWindow> sessionOf(T element, long time) {
    long g = gap.extract(element);
    if (g <= 0) {
      throw new IllegalArgumentException("A session gap must be positive, not " + g + " ms (element " + element + ")");
    }
    return List.of(new TimeWindow(time, time + g));
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    TimeWindow.mergeWindows(windows, (result, members) -> callback.merge(members, result));
  }

  @Override
  public TypeInformation<TimeWindow> getWindowType() {
    return TypeInformation.of(TimeWindow.class);
  }
}
