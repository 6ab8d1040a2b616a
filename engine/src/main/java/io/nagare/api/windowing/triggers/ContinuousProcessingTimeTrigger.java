package io.nagare.api.windowing.triggers;

import io.nagare.api.windowing.windows.Window;
import java.time.Duration;

/**
 * Fires every {@code interval} of processing time while the window has elements, and once more at
 * the window's end (in the window's own time domain: the watermark for event-time windows). Early
 * results for event-time windows work also when replaying old data; see {@link ContinuousTrigger}.
 */
public final class ContinuousProcessingTimeTrigger<W extends Window> extends ContinuousTrigger<W> {
  private static final long serialVersionUID = 1L;

  private ContinuousProcessingTimeTrigger(Duration interval) {
    super(interval, false);
  }

  public static <W extends Window> ContinuousProcessingTimeTrigger<W> of(Duration interval) {
    return new ContinuousProcessingTimeTrigger<>(interval);
  }

  @Override
  public String toString() {
    return "ContinuousProcessingTimeTrigger(" + interval() + ")";
  }
}
