package io.nagare.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.MemorySize;
import io.nagare.api.configuration.NetworkOptions;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.SinkFunction;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A consumer that does not consume stops its producer once the producer's buffer pool is full: the
 * source emits no more than the exchange can hold, however long the input.
 */
class BackPressureTest {
  private static final Map<String, AtomicLong> EMITTED = new ConcurrentHashMap<>();
  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> RECEIVED = new ConcurrentHashMap<>();

  /** Counts what passes, before the network exchange. */
  static final class Count implements MapFunction<Long, Long> {
    private final String id;

    Count(String id) {
      this.id = id;
    }

    @Override
    public Long map(Long value) {
      EMITTED.get(id).incrementAndGet();
      return value;
    }
  }

  /** Blocks on its first record until the test opens the gate. */
  static final class GatedSink implements SinkFunction<Long> {
    private final String id;

    GatedSink(String id) {
      this.id = id;
    }

    @Override
    public void invoke(Long value, Context context) throws InterruptedException {
      GATES.get(id).await();
      RECEIVED.get(id).incrementAndGet();
    }
  }

  @Test
  void blockedSinkBoundsWhatTheSourceEmits() throws Exception {
    String id = "bp";
    EMITTED.put(id, new AtomicLong());
    RECEIVED.put(id, new AtomicLong());
    GATES.put(id, new CountDownLatch(1));
    int segment = 4096;
    int buffersPerChannel = 2;
    int floating = 3;
    long records = 1_000_000;

    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.getConfiguration().set(NetworkOptions.SEGMENT_SIZE, MemorySize.ofBytes(segment));
    env.getConfiguration().set(NetworkOptions.BUFFERS_PER_CHANNEL, buffersPerChannel);
    env.getConfiguration().set(NetworkOptions.FLOATING_BUFFERS, floating);
    env.fromSequence(1, records).map(new Count(id)).rebalance().addSink(new GatedSink(id));
    CompletableFuture<JobExecutionResult> job = CompletableFuture.supplyAsync(() -> {
      try {
        return env.execute("back-pressure");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    // Each record travels as 4 length bytes + 1 timestamp tag + 8 bytes of long.
    long poolBytes = (long) (buffersPerChannel + floating) * segment;
    long bound = poolBytes / 13 + 2;
    long stalledAt = awaitStall(EMITTED.get(id), Duration.ofSeconds(30));
    assertThat(stalledAt).as("records emitted while the sink is blocked")
        .isGreaterThan(segment / 13).isLessThanOrEqualTo(bound);

    GATES.get(id).countDown();
    job.get(60, TimeUnit.SECONDS);
    assertThat(RECEIVED.get(id).get()).isEqualTo(records);
    assertThat(EMITTED.get(id).get()).isEqualTo(records);
  }

  /** Waits until {@code counter} is positive and has not moved for a while; returns its value. */
  private static long awaitStall(AtomicLong counter, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    long last = -1;
    int stable = 0;
    while (System.nanoTime() < end) {
      long now = counter.get();
      stable = now == last && now > 0 ? stable + 1 : 0;
      if (stable == 10) {
        return now;
      }
      last = now;
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("The source did not stall within " + deadline + "; it emitted " + counter.get());
  }
}
