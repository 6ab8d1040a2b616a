package io.nagare.api.windowing.assigners;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.Window;
import java.io.Serializable;
import java.util.Collection;

/**
 * Puts each element into zero or more windows, and says which trigger windows get by default and
 * whether they live in event time or processing time.
 *
 * @param <T> element type
 * @param <W> window type
 */
public abstract class WindowAssigner<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The windows {@code element} (with {@code timestamp}) belongs to. */
  public abstract Collection<W> assignWindows(T element, long timestamp, WindowAssignerContext context);

  /** The trigger of windows that set none. */
  public abstract Trigger<T, W> getDefaultTrigger();

  /** The windows' type, for window state and timers. */
  public abstract TypeInformation<W> getWindowType();

  /** Whether windows end by the watermark (event time) or by the clock (processing time). */
  public abstract boolean isEventTime();

  /** What an assigner can read while assigning. */
  public abstract static class WindowAssignerContext {
    public abstract long getCurrentProcessingTime();
  }

  /** The timestamp of an element of an event-time window, failing clearly if it has none. */
  static long eventTimestamp(long timestamp) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalStateException("An element reached an event-time window without a timestamp: assign"
          + " timestamps with a WatermarkStrategy (on the source or with assignTimestampsAndWatermarks), or use"
          + " processing-time windows");
    }
    return timestamp;
  }

  static long positiveMillis(java.time.Duration d, String what) {
    if (d == null || d.toMillis() <= 0) {
      throw new IllegalArgumentException(what + " must be positive, not " + d);
    }
    return d.toMillis();
  }
}
