package io.nagare.api.operators;

/**
 * A subtask's processing-time clock and its wake-up calls. Callbacks run on the subtask's own
 * thread, never concurrently with records or checkpoints.
 */
public interface ProcessingTimeService {
  /** Milliseconds since the epoch. */
  long getCurrentProcessingTime();

  /** Calls {@code callback} with {@code time} on the subtask's thread once the clock reaches it. */
  ScheduledTimer registerTimer(long time, ProcessingTimeCallback callback);

  /** A timer that can be withdrawn. */
  interface ScheduledTimer {
    void cancel();
  }

  /** What runs when a timer is due; an exception fails the job. */
  @FunctionalInterface
  interface ProcessingTimeCallback {
    void onProcessingTime(long time) throws Exception;
  }
}
