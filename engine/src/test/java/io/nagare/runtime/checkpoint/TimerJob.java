package io.nagare.runtime.checkpoint;

import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import io.nagare.testing.KeysThenIdle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A keyed job whose savepoints hold timers, for the savepoints kept as test resources: its source
 * ({@link KeysThenIdle}) reads each key of {@code 0..keys-1} once and sends no watermark; the
 * operator {@code "timers"} (a {@link Timers}) registers for each key an event-time timer at
 * {@link #EVENT_TIME}{@code + key} and a processing-time timer at {@link #PROCESSING_TIME}{@code +
 * key} (in the year 2096), emitting {@code (key, 0)}; none fires before the job is stopped with a
 * savepoint, so the savepoint holds all of them.
 */
final class TimerJob {
  static final long EVENT_TIME = 1_000;
  static final long PROCESSING_TIME = 4_000_000_000_000L;

  private TimerJob() {}

  /** Registers a timer in each domain per key; a timer that fires emits its key and timestamp. */
  static final class Timers extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    @Override
    public void processElement(Long key, Context ctx, Collector<Tuple2<Long, Long>> out) {
      ctx.timerService().registerEventTimeTimer(EVENT_TIME + key);
      ctx.timerService().registerProcessingTimeTimer(PROCESSING_TIME + key);
      out.collect(Tuple2.of(key, 0L));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) {
      out.collect(Tuple2.of(ctx.getCurrentKey(), timestamp));
    }
  }

  /**
   * Runs the job on {@code backend} at parallelism 2 over {@code keys} keys until every key was
   * seen, then stops it with a savepoint in {@code savepoints}; returns the savepoint's path.
   */
  static String runAndStop(String backend, int keys, Path savepoints) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.getConfiguration().setString("state.backend.type", backend);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSource(new KeysThenIdle(keys), WatermarkStrategy.noWatermarks(), "keys", Types.LONG).uid("keys")
        .keyBy(k -> k, Types.LONG)
        .process(new Timers(), Types.TUPLE(Types.LONG, Types.LONG)).uid("timers")
        .addSink(sink);
    JobClient client = env.executeAsync("timers");
    sink.awaitSize(keys, TallyJob.TIMEOUT);
    String savepoint = client.stopWithSavepoint(savepoints.toUri().toString()).get(TallyJob.TIMEOUT.toSeconds(),
        TimeUnit.SECONDS);
    client.getJobExecutionResult().get(TallyJob.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (sink.values().size() != keys) {
      throw new AssertionError("Timers fired before the savepoint: " + sink.values());
    }
    return savepoint;
  }

  /**
   * Writes the savepoints with timers kept under {@code engine/src/test/resources/savepoints}: one
   * per backend, of a run over 100 keys, in the format of the code that runs this: {@code main
   * <directory> <format name>}.
   */
  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    for (String backend : List.of("hashmap", "rocksdb")) {
      Path scratch = Files.createTempDirectory("timer-savepoint");
      Path written = Path.of(java.net.URI.create(runAndStop(backend, 100, scratch)));
      Path into = target.resolve(args[1] + "-" + backend + "-timers");
      Files.createDirectories(into);
      try (Stream<Path> files = Files.list(written)) {
        for (Path f : files.toList()) {
          Files.copy(f, into.resolve(f.getFileName()));
        }
      }
    }
  }
}
