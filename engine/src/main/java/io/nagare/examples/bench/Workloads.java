package io.nagare.examples.bench;

import io.nagare.api.common.CompletedCheckpointStats;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.examples.distinct.DistinctCount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The reference workloads of the benchmark (W1, …), written against the public API exactly as a
 * user would, and run through the normal execution path. Prints one machine-readable line per run:
 * {@code W1 records=50000000 seconds=3.10 records_per_s=16129032}. Run by {@code scripts/bench.sh}.
 */
public final class Workloads {
  private Workloads() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Workloads <W1|W2|W2C|W3> <records>");
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
      case "W2C":
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
      case "W3":
        env.setParallelism(1);
        env.enableCheckpointing(2000);
        env.getCheckpointConfig().setCheckpointStorage(Path.of(System.getProperty("java.io.tmpdir"),
            "nagare-bench-chk").toUri().toString());
        env.getConfiguration().setString("state.backend.type", "rocksdb");
        env.getConfiguration().setString("state.backend.incremental", "true");
        env.fromSequence(1, n).map(i -> DistinctCount.randomString(i, 100)).returns(Types.STRING)
            .keyBy(s -> s, Types.STRING)
            .process(new DistinctCount.FirstSight(), Types.LONG)
            .addSink(new DiscardingSink<>());
        break;
      default:
        System.err.println("unknown workload " + workload + " (known: W1, W2, W2C, W3)");
        System.exit(2);
    }
    JobExecutionResult result = env.execute(workload);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s records=%d seconds=%.2f records_per_s=%.0f%s%n", workload, n, seconds, n / seconds,
        workload.equals("W3") ? checkpointFigures(result.getCompletedCheckpoints()) : "");
  }

  /** The checkpoint part of W3's line (see ../shared/WORKLOADS.md), percentiles as the Flink peer computes them. */
  static String checkpointFigures(List<CompletedCheckpointStats> checkpoints) {
    List<Long> durations = checkpoints.stream().map(CompletedCheckpointStats::durationMillis).toList();
    int half = durations.size() / 2;
    long lastFull = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).fullBytes();
    return String.format(" checkpoints=%d median_ms=%d p90_ms=%d max_ms=%d first_half_p90_ms=%d second_half_p90_ms=%d"
        + " uploaded_bytes_median=%d last_checkpoint_full_bytes=%d", durations.size(), percentile(durations, 50),
        percentile(durations, 90), percentile(durations, 100), percentile(durations.subList(0, half), 90),
        percentile(durations.subList(half, durations.size()), 90),
        percentile(checkpoints.stream().map(CompletedCheckpointStats::uploadedBytes).toList(), 50), lastFull);
  }

  /** The nearest-rank percentile ({@code 50} is the upper median), 0 for no values. */
  static long percentile(List<Long> values, int percent) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = percent == 50 ? sorted.size() / 2 + 1 : (int) Math.ceil(sorted.size() * percent / 100.0);
    return sorted.get(Math.max(1, Math.min(rank, sorted.size())) - 1);
  }

  /** Drops every element, as Flink's DiscardingSink does. */
  public static final class DiscardingSink<T> implements SinkFunction<T> {
    @Override
    public void invoke(T value, Context context) {}
  }
}
