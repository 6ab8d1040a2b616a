package io.nagare.api.functions;

/**
 * Reads the clocks and registers timers for the current key. Timers are unique per key and
 * timestamp: registering the same one twice fires it once. Timers fire on the subtask's own thread,
 * never concurrently with element processing.
 */
public interface TimerService {
  long currentProcessingTime();

  long currentWatermark();

  /** Fires {@code onTimer} once processing time reaches {@code time} (milliseconds since epoch). */
  void registerProcessingTimeTimer(long time);

  /** Fires {@code onTimer} once the watermark reaches {@code time}. */
  void registerEventTimeTimer(long time);

  void deleteProcessingTimeTimer(long time);

  void deleteEventTimeTimer(long time);
}
