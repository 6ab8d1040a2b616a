package io.nagare.testing;

import io.nagare.api.functions.SinkFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sink for job-level tests in the local runtime: every subtask's copy appends to one shared,
 * synchronized list registered under the sink's id (functions are serialized into the plan, so the
 * list cannot be a field). Create one per test; read it with {@link #values()} after the job ends.
 *
 * <pre>{@code
 * CollectSink<Long> sink = new CollectSink<>();
 * env.fromSequence(1, 3).addSink(sink);
 * env.execute();
 * assertThat(sink.values()).containsExactlyInAnyOrder(1L, 2L, 3L);
 * }</pre>
 */
public final class CollectSink<T> implements SinkFunction<T> {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectSink() {
    RESULTS.put(id, new ArrayList<>());
  }

  @Override
  public void invoke(T value, Context context) {
    List<Object> list = RESULTS.get(id);
    synchronized (list) {
      list.add(value);
      list.notifyAll();
    }
  }

  /**
   * Waits until at least {@code size} values were collected.
   *
   * @throws TimeoutException if that takes longer than {@code timeout}
   */
  public void awaitSize(int size, Duration timeout) throws InterruptedException, TimeoutException {
    List<Object> list = RESULTS.get(id);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (list) {
      while (list.size() < size) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("Collected " + list.size() + " values, not " + size
              + ", within " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(list, left);
      }
    }
  }

  /** A copy of everything collected so far, in arrival order. */
  @SuppressWarnings("unchecked")
  public List<T> values() {
    List<Object> list = RESULTS.get(id);
    synchronized (list) {
      return new ArrayList<>((List<T>) list);
    }
  }

  /** Forgets the collected values. */
  public void clear() {
    List<Object> list = RESULTS.get(id);
    synchronized (list) {
      list.clear();
    }
  }
}
