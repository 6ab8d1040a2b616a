package io.nagare.api.windowing.evictors;

import io.nagare.api.windowing.windows.Window;
import java.io.Serializable;

/**
 * Removes elements from a window's contents when it fires, before and/or after the window
 * function sees them: remove through the iterator of {@code elements}. Only for windows that keep
 * their elements ({@code process}, or {@code reduce}/{@code aggregate} with an evictor keep a list).
 */
public interface Evictor<T, W extends Window> extends Serializable {
  void evictBefore(Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext context);

  void evictAfter(Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext context);

  /** What an evictor can read. */
  interface EvictorContext {
    long getCurrentProcessingTime();

    long getCurrentWatermark();
  }
}
