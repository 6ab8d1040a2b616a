package io.nagare.runtime.timers;

/**
 * The processing-time clock of a subtask and its wake-up calls. Callbacks run on the subtask's own
 * thread (through its mailbox), never concurrently with records. Tests substitute a manual clock.
 */
public interface ProcessingTimeService {
  /** Milliseconds since the epoch. */
  long getCurrentProcessingTime();

  /** Calls {@code callback} with {@code timestamp} on the subtask's thread once the clock reaches it. */
  ScheduledTimer registerTimer(long timestamp, ProcessingTimeCallback callback);

  /** A timer that can be withdrawn. */
  interface ScheduledTimer {
    void cancel();
  }

  /** What runs when a timer is due. */
  @FunctionalInterface
  interface ProcessingTimeCallback {
    void onProcessingTime(long timestamp) throws Exception;
  }
}
