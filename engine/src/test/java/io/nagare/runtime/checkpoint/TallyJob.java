package io.nagare.runtime.checkpoint;

import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import io.nagare.testing.KeysThenIdle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A keyed job for savepoint tests across runs: its source ({@link KeysThenIdle}) reads each key of
 * {@code 0..keys-1} once, and the operator {@code "tally"} counts, per key, how many runs have seen
 * the key, emitting the key and its new count. A run ends with a stop-with-savepoint once every key
 * was counted, so the next run (at any parallelism) must find every key's count of the runs before.
 */
final class TallyJob {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TallyJob() {}

  /** Counts the runs that saw each key. */
  static final class Tally extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> runs;

    @Override
    public void open(OpenContext ctx) {
      runs = getRuntimeContext().getState(new ValueStateDescriptor<>("runs", Types.LONG));
    }

    @Override
    public void processElement(Long key, Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      long seen = runs.value() == null ? 1 : runs.value() + 1;
      runs.update(seen);
      out.collect(Tuple2.of(key, seen));
    }
  }

  /** One run's settings; {@code maxParallelism} -1 leaves it to the default, {@code restoreFrom} null starts empty. */
  record Run(String backend, int parallelism, int maxParallelism, int keys, String restoreFrom) {}

  /** What a run emitted (key to its count) and the savepoint it stopped with. */
  record Result(Map<Long, Long> counts, String savepoint) {}

  /**
   * Checks that {@code counts} holds exactly the keys {@code 0..keys-1}, each with {@code expected}
   * runs; on failure names how many keys are missing or wrong, and a few of them.
   */
  static void assertEveryKeyCounted(Map<Long, Long> counts, int keys, long expected) {
    Map<Long, Long> wrong = new java.util.TreeMap<>();
    for (long k = 0; k < keys; k++) {
      Long count = counts.get(k);
      if (count == null || count != expected) {
        wrong.put(k, count);
      }
    }
    if (!wrong.isEmpty() || counts.size() != keys) {
      throw new AssertionError(counts.size() + " keys counted, " + wrong.size() + " of the " + keys + " keys without "
          + expected + " runs, e.g. (key=runs) " + wrong.entrySet().stream().limit(10).toList());
    }
  }

  /** Builds the job of {@code run}, with a source uid of its own so every run reads the keys anew. */
  static StreamExecutionEnvironment environment(Run run, CollectSink<Tuple2<Long, Long>> sink) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(run.parallelism());
    env.getConfiguration().setString("state.backend.type", run.backend());
    if (run.maxParallelism() > 0) {
      env.setMaxParallelism(run.maxParallelism());
    }
    if (run.restoreFrom() != null) {
      env.getConfiguration().setString("execution.savepoint.path", run.restoreFrom());
      env.getConfiguration().setString("execution.savepoint.ignore-unclaimed-state", "true");
    }
    env.fromSource(new KeysThenIdle(run.keys()), WatermarkStrategy.noWatermarks(), "keys", Types.LONG)
        .uid("keys-" + System.nanoTime())
        .keyBy(k -> k, Types.LONG)
        .process(new Tally(), Types.TUPLE(Types.LONG, Types.LONG)).uid("tally")
        .addSink(sink);
    return env;
  }

  /** Runs the job until every key was counted, then stops it with a savepoint in {@code savepoints}. */
  static Result run(Run run, Path savepoints) throws Exception {
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    JobClient client = environment(run, sink).executeAsync("tally");
    sink.awaitSize(run.keys(), TIMEOUT);
    String savepoint = client.stopWithSavepoint(savepoints.toUri().toString()).get(TIMEOUT.toSeconds(),
        TimeUnit.SECONDS);
    client.getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Map<Long, Long> counts = new HashMap<>();
    for (Tuple2<Long, Long> t : sink.values()) {
      if (counts.put(t.f0, t.f1) != null) {
        throw new AssertionError("Key " + t.f0 + " was counted twice in one run");
      }
    }
    return new Result(counts, savepoint);
  }

  /**
   * Writes the savepoints kept as test resources under {@code engine/src/test/resources/savepoints}:
   * one per backend, of a run at parallelism 2 over 100 keys, in the format of the code that runs
   * this. Run it (from the engine's test classpath) only when the format changes, to add the new
   * format's savepoints beside the older ones: {@code main <directory> <format name>}.
   */
  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    for (String backend : List.of("hashmap", "rocksdb")) {
      Path scratch = Files.createTempDirectory("tally-savepoint");
      Result result = run(new Run(backend, 2, -1, 100, null), scratch);
      Path written = Path.of(java.net.URI.create(result.savepoint()));
      Path into = target.resolve(args[1] + "-" + backend);
      Files.createDirectories(into);
      try (Stream<Path> files = Files.list(written)) {
        for (Path f : files.toList()) {
          Files.copy(f, into.resolve(f.getFileName()));
        }
      }
    }
  }
}
