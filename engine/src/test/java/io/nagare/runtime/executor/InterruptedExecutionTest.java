package io.nagare.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Interrupting the thread that runs a local job cancels the job instead of leaving it running. */
class InterruptedExecutionTest {

  /** Opens its run's latch at the first record it maps. */
  static final class SignalRunning implements MapFunction<Long, Long> {
    static final Map<String, CountDownLatch> RUNNING = new ConcurrentHashMap<>();
    private final String id;

    SignalRunning(String id) {
      this.id = id;
    }

    @Override
    public Long map(Long value) {
      RUNNING.get(id).countDown();
      return value;
    }
  }

  /** Keeps nothing, so an endless run holds no growing memory. */
  static final class Discard implements SinkFunction<Long> {
    @Override
    public void invoke(Long value, Context context) {}
  }

  @Test
  void interruptingExecuteCancelsTheJobAndStopsItsSubtasks() throws Exception {
    String id = UUID.randomUUID().toString();
    SignalRunning.RUNNING.put(id, new CountDownLatch(1));
    String sourceName = "endless-" + id;
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSource(new NumbersUntilCheckpoints(Integer.MAX_VALUE), WatermarkStrategy.noWatermarks(), sourceName,
            Types.LONG)
        .map(new SignalRunning(id), Types.LONG)
        .addSink(new Discard());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        env.execute("interrupted");
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "runs-" + id);
    runner.start();

    assertThat(SignalRunning.RUNNING.get(id).await(60, TimeUnit.SECONDS)).isTrue();
    runner.interrupt();
    runner.join(TimeUnit.SECONDS.toMillis(60));

    assertThat(runner.isAlive()).as("the thread running execute() after its interrupt").isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .noneMatch(name -> name.contains(sourceName));
  }
}
