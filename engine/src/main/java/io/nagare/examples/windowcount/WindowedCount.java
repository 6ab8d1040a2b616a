package io.nagare.examples.windowcount;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.utils.ParameterTool;
import io.nagare.api.windowing.assigners.TumblingProcessingTimeWindows;
import java.time.Duration;

/**
 * An unbounded, checkpointing example: a generator of readings from five sensors (about {@code
 * --rate} readings per second per source subtask, default 1000) feeds a keyed count per sensor over
 * 5-second tumbling windows, printed as {@code (sensor-n,count)}; checkpoints every {@code
 * --checkpoint-interval} ms (default 2000). It runs until cancelled.
 *
 * <pre>{@code
 * nagare run -t yarn-session -c io.nagare.examples.windowcount.WindowedCount examples.jar --rate 500
 * }</pre>
 */
public final class WindowedCount {
  private WindowedCount() {}

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(params.getLong("checkpoint-interval", 2000));
    env.fromSequence(0, Long.MAX_VALUE - 1)
        .map(new Paced(params.getLong("rate", 1000))).returns(Types.LONG).name("Paced generator")
        .map(i -> Tuple2.of("sensor-" + (i % 5), 1L)).returns(Types.TUPLE(Types.STRING, Types.LONG))
        .keyBy(t -> t.f0, Types.STRING)
        .window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(5)))
        .sum(1)
        .print();
    env.execute("Windowed count");
  }

  /** Passes records on at about {@code perSecond} a second. */
  static final class Paced extends RichMapFunction<Long, Long> {
    private final long perSecond;
    private transient long started;
    private transient long seen;

    Paced(long perSecond) {
      this.perSecond = perSecond;
    }

    @Override
    public Long map(Long value) throws Exception {
      if (seen == 0) {
        started = System.nanoTime();
      }
      seen++;
      long due = started + seen * 1_000_000_000L / perSecond;
      long wait = due - System.nanoTime();
      if (wait > 1_000_000) {
        Thread.sleep(wait / 1_000_000);
      }
      return value;
    }
  }
}
