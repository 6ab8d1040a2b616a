package io.nagare.runtime.timers;

/** The operator a timer service fires into; the timer's key is current when these are called. */
public interface Triggerable<K, N> {
  void onEventTime(TimerEntry<K, N> timer) throws Exception;

  void onProcessingTime(TimerEntry<K, N> timer) throws Exception;
}
