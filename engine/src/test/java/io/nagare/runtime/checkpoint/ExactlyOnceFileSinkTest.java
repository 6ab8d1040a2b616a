package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.file.FileSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The end-to-end guarantee: a keyed counting job whose tasks fail at seeded random points after
 * checkpoints completed writes, through the exactly-once file sink, exactly the lines a run
 * without failures writes — nothing lost, nothing twice.
 */
class ExactlyOnceFileSinkTest {
  private static final int RECORDS = 400_000;
  private static final int KEYS = 50;

  /** Emits "key,count" for every element; in the first two runs fails a little after a checkpoint completed. */
  static final class CountAndFail extends KeyedProcessFunction<Long, Long, String> implements CheckpointListener {
    private final long seed;
    private transient ValueState<Long> count;
    private transient Random random;
    /** Records left until the injected failure; -1 until a checkpoint completes (set in open: transient). */
    private transient int untilFailure;

    CountAndFail(long seed) {
      this.seed = seed;
    }

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
      random = new Random(seed + getRuntimeContext().getTaskInfo().getAttemptNumber() * 31L
          + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
      untilFailure = -1;
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<String> out) throws Exception {
      if (untilFailure == 0 && getRuntimeContext().getTaskInfo().getAttemptNumber() < 2) {
        throw new IllegalStateException("injected failure");
      }
      if (untilFailure > 0) {
        untilFailure--;
      }
      long c = (count.value() == null ? 0 : count.value()) + 1;
      count.update(c);
      out.collect(ctx.getCurrentKey() + "," + c);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (untilFailure < 0) {
        untilFailure = random.nextInt(5_000);
      }
    }
  }

  private static List<String> committedLines(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".crc")) {
          continue;
        }
        assertThat(name).as("no in-progress or pending file is left").startsWith("part-");
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    lines.sort(null);
    return lines;
  }

  @ParameterizedTest(name = "{0} state, {1} exchange")
  @CsvSource({"hashmap, memory", "rocksdb, memory", "hashmap, network"})
  void injectedFailuresChangeNothingInTheCommittedOutput(String backend, String exchange, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    env.getConfiguration().setString("state.backend.type", backend);
    env.getConfiguration().setString("execution.local.exchange", exchange);
    env.getConfiguration().setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "3");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    env.fromSequence(0, RECORDS - 1)
        .keyBy(x -> x % KEYS, Types.LONG)
        .process(new CountAndFail(42), Types.STRING)
        .sinkTo(FileSink.<String>forRowFormat(out.toUri().toString()).withRollingSize(64 * 1024).build());
    JobExecutionResult result = env.execute("exactly once");

    List<String> expected = new ArrayList<>();
    for (long k = 0; k < KEYS; k++) {
      for (long c = 1; c <= RECORDS / KEYS; c++) {
        expected.add(k + "," + c);
      }
    }
    expected.sort(null);
    assertThat(result.getRestarts()).isEqualTo(2);
    assertThat(result.getRestoredCheckpoints()).hasSize(2).allMatch(id -> id > 0);
    List<String> actual = committedLines(out);
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(actual).isEqualTo(expected);
  }
}
