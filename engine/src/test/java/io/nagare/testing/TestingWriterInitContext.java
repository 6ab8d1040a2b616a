package io.nagare.testing;

import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.operators.ProcessingTimeService;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * The context of one simulated sink subtask, for driving a writer by hand. Its processing-time
 * clock moves only with {@link #setCurrentTime}, which fires due timers on the calling thread (the
 * test's thread plays the subtask's).
 */
public final class TestingWriterInitContext implements WriterInitContext {
  private final String operatorName;
  private final int subtask;
  private final int parallelism;
  private final ManualClock clock = new ManualClock();

  public TestingWriterInitContext(String operatorName, int subtask, int parallelism) {
    this.operatorName = operatorName;
    this.subtask = subtask;
    this.parallelism = parallelism;
  }

  /** Moves the clock to {@code time} and fires every timer due by then, in time order. */
  public void setCurrentTime(long time) throws Exception {
    clock.setCurrentTime(time);
  }

  /** Timers registered and neither fired nor cancelled. */
  public int pendingTimers() {
    return clock.timers.size();
  }

  @Override
  public int getSubtaskId() {
    return subtask;
  }

  @Override
  public int getNumberOfParallelSubtasks() {
    return parallelism;
  }

  @Override
  public int getAttemptNumber() {
    return 0;
  }

  @Override
  public MetricGroup metricGroup() {
    throw new UnsupportedOperationException("this test context has no metrics");
  }

  @Override
  public OptionalLong getRestoredCheckpointId() {
    return OptionalLong.empty();
  }

  @Override
  public ProcessingTimeService getProcessingTimeService() {
    return clock;
  }

  @Override
  public Executor getMailboxExecutor() {
    throw new UnsupportedOperationException("this test context has no mailbox");
  }

  @Override
  public ClassLoader getUserCodeClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public String getJobName() {
    return "test job";
  }

  @Override
  public String getOperatorName() {
    return operatorName;
  }

  private static final class ManualClock implements ProcessingTimeService {
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public long getCurrentProcessingTime() {
      return now;
    }

    @Override
    public ScheduledTimer registerTimer(long time, ProcessingTimeCallback callback) {
      Timer t = new Timer(time, sequence++, callback);
      timers.add(t);
      return () -> timers.remove(t);
    }

    void setCurrentTime(long time) throws Exception {
      now = time;
      Timer t;
      while ((t = timers.peek()) != null && t.time() <= now) {
        timers.poll();
        t.callback().onProcessingTime(t.time());
      }
    }

    private record Timer(long time, long order, ProcessingTimeCallback callback) implements Comparable<Timer> {
      @Override
      public int compareTo(Timer o) {
        int c = Long.compare(time, o.time);
        return c != 0 ? c : Long.compare(order, o.order);
      }
    }
  }
}
