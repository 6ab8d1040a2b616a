package io.nagare.testing;

import io.nagare.runtime.timers.ProcessingTimeService;
import java.util.PriorityQueue;

/**
 * A processing-time clock that only moves when a test says so: {@link #setCurrentTime} fires every
 * due callback, in timestamp order, on the calling thread (which plays the subtask's thread).
 */
public final class ManualProcessingTimeService implements ProcessingTimeService {
  private final PriorityQueue<Scheduled> timers = new PriorityQueue<>();
  private long now;
  private long sequence;

  private final class Scheduled implements Comparable<Scheduled>, ScheduledTimer {
    final long timestamp;
    final long order = sequence++;
    final ProcessingTimeCallback callback;

    Scheduled(long timestamp, ProcessingTimeCallback callback) {
      this.timestamp = timestamp;
      this.callback = callback;
    }

    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(timestamp, o.timestamp);
      return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public void cancel() {
      timers.remove(this);
    }
  }

  @Override
  public long getCurrentProcessingTime() {
    return now;
  }

  @Override
  public ScheduledTimer registerTimer(long timestamp, ProcessingTimeCallback callback) {
    Scheduled s = new Scheduled(timestamp, callback);
    timers.add(s);
    return s;
  }

  /** Moves the clock to {@code time} and fires what is due. */
  public void setCurrentTime(long time) throws Exception {
    now = time;
    Scheduled s;
    while ((s = timers.peek()) != null && s.timestamp <= now) {
      timers.poll();
      s.callback.onProcessingTime(s.timestamp);
    }
  }

  /** Wake-ups still pending. */
  public int numPendingTimers() {
    return timers.size();
  }
}
