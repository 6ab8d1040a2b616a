package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.source.Boundedness;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.base.QueueSplitEnumerator;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.connectors.sequence.NumberSequenceSplit;
import io.nagare.testing.CollectSink;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task fails after a checkpoint completed; the job restarts from that checkpoint (keyed state,
 * timers, source positions and the split enumerator restored) and its final counts cover every
 * record the sources emitted exactly once.
 */
class FailureRecoveryTest {

  static final long SECOND_SPLIT_START = 1_000_000_000_000L;
  /** Per split id: where the final run's reader ended (the next number it would have read). */
  static final Map<String, Long> FINAL_POSITIONS = new ConcurrentHashMap<>();
  /** Per split id: where a restarted reader resumed. */
  static final Map<String, Long> RESUMED_AT = new ConcurrentHashMap<>();

  /** Two never-ending number splits; a reader ends after seeing three checkpoints complete in its run. */
  static final class Numbers implements Source<Long, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
    private final NumberSequenceSource numbers = new NumberSequenceSource(0, Long.MAX_VALUE - 1);

    @Override
    public Boundedness getBoundedness() {
      return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
        SplitEnumeratorContext<NumberSequenceSplit> context) {
      return new QueueSplitEnumerator<>(context, List.of(new NumberSequenceSplit("a", 0, SECOND_SPLIT_START - 1),
          new NumberSequenceSplit("b", SECOND_SPLIT_START, Long.MAX_VALUE - 1)));
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
        SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
      return new QueueSplitEnumerator<>(context, checkpoint);
    }

    @Override
    public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
      SourceReader<Long, NumberSequenceSplit> reader = numbers.createReader(context);
      return new SourceReader<>() {
        private int completed;

        @Override
        public void start() {
          reader.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Long> output) throws Exception {
          if (completed >= 3) {
            for (NumberSequenceSplit s : reader.snapshotState(0)) {
              FINAL_POSITIONS.put(s.splitId(), s.from());
            }
            return InputStatus.END_OF_INPUT;
          }
          return reader.pollNext(output);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
          return reader.isAvailable();
        }

        @Override
        public void addSplits(List<NumberSequenceSplit> splits) {
          for (NumberSequenceSplit s : splits) {
            long start = s.splitId().equals("a") ? 0 : SECOND_SPLIT_START;
            if (s.from() > start) {
              RESUMED_AT.put(s.splitId(), s.from());
            }
          }
          reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
          reader.notifyNoMoreSplits();
        }

        @Override
        public List<NumberSequenceSplit> snapshotState(long checkpointId) {
          return reader.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
          completed++;
        }

        @Override
        public void close() throws Exception {
          reader.close();
        }
      };
    }

    @Override
    public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
      return numbers.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
      return numbers.getEnumeratorCheckpointSerializer();
    }
  }

  /** Counts per key, emits at the end; in the first run it fails once a checkpoint has completed. */
  static final class CountThenFail extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>>
      implements CheckpointListener {
    private transient ValueState<Long> count;
    private transient boolean checkpointCompleted;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      if (checkpointCompleted && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
        throw new IllegalStateException("injected failure");
      }
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update((count.value() == null ? 0 : count.value()) + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      out.collect(Tuple2.of(ctx.getCurrentKey(), count.value()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointCompleted = true;
    }
  }

  @Test
  void afterAFailureTheJobResumesFromTheLatestCheckpointAndCountsEveryRecordOnce(@TempDir Path dir) throws Exception {
    FINAL_POSITIONS.clear();
    RESUMED_AT.clear();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(30);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "2");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSource(new Numbers(), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 7, Types.LONG)
        .process(new CountThenFail(), Types.TUPLE(Types.LONG, Types.LONG))
        .addSink(sink);
    JobExecutionResult result = env.execute("recovering");

    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(RESUMED_AT).containsOnlyKeys("a", "b");
    assertThat(FINAL_POSITIONS).containsOnlyKeys("a", "b");
    long emitted = FINAL_POSITIONS.get("a") + (FINAL_POSITIONS.get("b") - SECOND_SPLIT_START);
    long counted = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      counted += t.f1;
    }
    assertThat(sink.values()).extracting(t -> t.f0).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(counted).isEqualTo(emitted);
    assertThat(RESUMED_AT.get("a")).isLessThan(FINAL_POSITIONS.get("a"));
  }
}
