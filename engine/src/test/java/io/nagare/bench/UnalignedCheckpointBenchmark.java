package io.nagare.bench;

import io.nagare.api.common.CompletedCheckpointStats;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.typeinfo.Types;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark, not a test: checkpoint durations under back-pressure, aligned and unaligned. Two
 * sequence sources feed, keyed, two sink subtasks that sleep 1 ms every {@value #RECORDS_PER_MS}
 * records, so the channels between them stay full; a checkpoint every 500 ms. Prints one line per
 * mode, e.g. {@code UC mode=unaligned records=200000 checkpoints=17 median_ms=12 max_ms=40
 * seconds=10.4}. Run by {@code scripts/bench.sh UC [records]}: {@code main <records> <work directory>}.
 */
public final class UnalignedCheckpointBenchmark {
  private static final int RECORDS_PER_MS = 10;

  private UnalignedCheckpointBenchmark() {}

  /** Sleeps 1 ms every {@link #RECORDS_PER_MS} records: a slow external system. */
  static final class ThrottledSink implements SinkFunction<Long> {
    private transient long seen;

    @Override
    public void invoke(Long value, Context context) throws InterruptedException {
      if (++seen % RECORDS_PER_MS == 0) {
        Thread.sleep(1);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: UnalignedCheckpointBenchmark <records> <work directory>");
      System.exit(2);
    }
    long records = Long.parseLong(args[0]);
    Path work = Path.of(args[1]);
    for (boolean unaligned : new boolean[] {false, true}) {
      String mode = unaligned ? "unaligned" : "aligned";
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
      env.enableCheckpointing(500);
      env.getCheckpointConfig().enableUnalignedCheckpoints(unaligned)
          .setCheckpointStorage(work.resolve(mode).toUri().toString());
      env.fromSequence(0, records - 1).keyBy(x -> x % 64, Types.LONG).addSink(new ThrottledSink());
      long start = System.nanoTime();
      JobExecutionResult result = env.execute("UC " + mode);
      double seconds = (System.nanoTime() - start) / 1e9;
      List<Long> durations = result.getCompletedCheckpoints().stream()
          .map(CompletedCheckpointStats::durationMillis).sorted().toList();
      long median = durations.isEmpty() ? -1 : durations.get(durations.size() / 2);
      long max = durations.isEmpty() ? -1 : durations.get(durations.size() - 1);
      System.out.printf("UC mode=%s records=%d checkpoints=%d median_ms=%d max_ms=%d seconds=%.1f%n", mode, records,
          durations.size(), median, max, seconds);
    }
  }
}
