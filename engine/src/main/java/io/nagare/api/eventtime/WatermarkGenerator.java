package io.nagare.api.eventtime;

/**
 * Generates watermarks from the elements of a stream (or of one source split). {@link #onEvent} is
 * called for each element, {@link #onPeriodicEmit} every {@code pipeline.auto-watermark-interval};
 * a punctuated generator emits from {@code onEvent}, a periodic one from {@code onPeriodicEmit}.
 * Both run on the subtask's thread, never concurrently.
 */
public interface WatermarkGenerator<T> {
  void onEvent(T event, long eventTimestamp, WatermarkOutput output);

  void onPeriodicEmit(WatermarkOutput output);
}
