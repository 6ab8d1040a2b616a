package io.nagare.examples.bench;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import java.time.Duration;

/**
 * The reference workloads of the benchmark (W1, …), written against the public API exactly as a
 * user would, and run through the normal execution path. Prints one machine-readable line per run:
 * {@code W1 records=50000000 seconds=3.10 records_per_s=16129032}. Run by {@code scripts/bench.sh}.
 */
public final class Workloads {
  private Workloads() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Workloads <W1|W2> <records>");
      System.exit(2);
    }
    String workload = args[0].toUpperCase();
    long n = Long.parseLong(args[1]);
    long start = System.nanoTime();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    switch (workload) {
      case "W1":
        env.setParallelism(1);
        env.fromSequence(1, n).map(x -> x * 2 + 1).filter(x -> x % 3 != 0).addSink(new DiscardingSink<>());
        break;
      case "W2":
        env.setParallelism(2);
        env.fromSequence(1, n)
            .map(i -> Tuple2.of(i % 10000, i)).returns(Types.TUPLE(Types.LONG, Types.LONG))
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<Long, Long>>forBoundedOutOfOrderness(
                Duration.ofMillis(100)).withTimestampAssigner((e, ts) -> e.f1 / 100))
            .keyBy(e -> e.f0)
            .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
            .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
            .addSink(new DiscardingSink<>());
        break;
      default:
        System.err.println("unknown workload " + workload + " (known: W1, W2)");
        System.exit(2);
    }
    env.execute(workload);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s records=%d seconds=%.2f records_per_s=%.0f%n", workload, n, seconds, n / seconds);
  }

  /** Drops every element, as Flink's DiscardingSink does. */
  public static final class DiscardingSink<T> implements SinkFunction<T> {
    @Override
    public void invoke(T value, Context context) {}
  }
}
