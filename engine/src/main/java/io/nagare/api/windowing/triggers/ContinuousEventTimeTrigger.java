package io.nagare.api.windowing.triggers;

import io.nagare.api.windowing.windows.Window;
import java.time.Duration;

/**
 * Fires every {@code interval} of event time (when the watermark passes multiples of the
 * interval) while the window has elements, and once more at the window's end; see {@link
 * ContinuousTrigger} for the guarantees.
 */
public final class ContinuousEventTimeTrigger<W extends Window> extends ContinuousTrigger<W> {
  private static final long serialVersionUID = 1L;

  private ContinuousEventTimeTrigger(Duration interval) {
    super(interval, true);
  }

  public static <W extends Window> ContinuousEventTimeTrigger<W> of(Duration interval) {
    return new ContinuousEventTimeTrigger<>(interval);
  }

  @Override
  public String toString() {
    return "ContinuousEventTimeTrigger(" + interval() + ")";
  }
}
