package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.CheckpointingMode;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.connectors.sequence.NumberSequenceSplit;
import io.nagare.serialization.SerializerFactory;
import io.nagare.state.KeyGroupedStateReader;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.StateBlock;
import io.nagare.state.VoidNamespaceSerializer;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of a running job: barriers from two parallel sources aligned at two parallel keyed
 * subtasks, state written through the Hadoop FileSystem API, metadata last, old checkpoints
 * deleted — and the snapshot consistent: the counts in keyed state equal exactly the records the
 * sources had emitted before their barriers.
 */
class CheckpointingJobTest {

    static final int CHECKPOINTS = 4;

  /** Counts records per key; emits the counts at the end of the input. */
  public static final class CountPerKey extends KeyedProcessFunction<Long, Long, Long> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update((count.value() == null ? 0 : count.value()) + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) throws Exception {
      out.collect(count.value());
    }
  }

  /** The counting job of this test with {@code retained} checkpoints kept; returns its result. */
  private static JobExecutionResult runCounting(Path dir, int retained, NumbersUntilCheckpoints source,
      CollectSink<Long> sink) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50, CheckpointingMode.EXACTLY_ONCE);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString()).setNumRetainedCheckpoints(retained);
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 10, Types.LONG)
        .process(new CountPerKey(), Types.LONG)
        .addSink(sink);
    return env.execute("checkpointed");
  }

  /** The checkpoint directories of the job of {@code result} in {@code dir}, sorted by id. */
  private static List<Long> checkpointDirectories(Path dir, JobExecutionResult result) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve(result.getJobId()))) {
      return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("chk-"))
          .map(CheckpointingJobTest::id).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void onlyTheNewestRetainedCheckpointsAreKept(@TempDir Path dir) throws Exception {
    JobExecutionResult result = runCounting(dir, 2, new NumbersUntilCheckpoints(CHECKPOINTS), new CollectSink<>());

    List<Long> completed = result.getCompletedCheckpoints().stream().map(c -> c.id()).sorted().toList();
    assertThat(completed).hasSizeGreaterThanOrEqualTo(CHECKPOINTS);
    assertThat(checkpointDirectories(dir, result)).as("the retained checkpoints")
        .isEqualTo(completed.subList(completed.size() - 2, completed.size()));
  }

  @Test
  void alignedCheckpointsAreConsistentAndComplete(@TempDir Path dir) throws Exception {
    CollectSink<Long> sink = new CollectSink<>();
    NumbersUntilCheckpoints source = new NumbersUntilCheckpoints(CHECKPOINTS);
    JobExecutionResult result = runCounting(dir, 1000, source, sink);

    Path jobDir = dir.resolve(result.getJobId());
    String latest = "chk-" + source.lastCheckpointBeforeEnd();
    assertThat(checkpointDirectories(dir, result)).contains(source.lastCheckpointBeforeEnd());
    assertThat(id(latest)).isGreaterThanOrEqualTo(CHECKPOINTS);

    CheckpointMetadata metadata = CheckpointStorage.readMetadata(jobDir.resolve(latest).toUri().toString());
    assertThat(metadata.checkpointId()).isEqualTo(id(latest));
    assertThat(metadata.states()).extracting(TaskStateHandle::vertexId, TaskStateHandle::subtaskIndex)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, -1), org.assertj.core.groups.Tuple.tuple(0, 0),
            org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 0),
            org.assertj.core.groups.Tuple.tuple(1, 1));

    long emitted = 0;
    long counted = 0;
    for (TaskStateHandle handle : metadata.states()) {
      if (handle.subtaskIndex() < 0) {
        continue;
      }
      for (TaskStateFile.OperatorPart part : TaskStateFile.read(handle)) {
        if (part.keyed() != null) {
          counted += sumOfCounts(part.keyed());
        }
        for (OperatorRestore.RestoredSplit restored : part.splits()) {
          NumberSequenceSplit split = new NumberSequenceSource(0, 1).getSplitSerializer()
              .deserialize(restored.version(), restored.bytes());
          emitted += split.from() - (split.splitId().equals("a") ? 0 : NumbersUntilCheckpoints.SECOND_SPLIT_START);
        }
      }
    }
    assertThat(emitted).isGreaterThan(0);
    assertThat(counted).isEqualTo(emitted);

    long total = 0;
    for (Long c : sink.values()) {
      total += c;
    }
    assertThat(sink.values()).hasSize(10);
    assertThat(total).isGreaterThanOrEqualTo(emitted);
  }

  private static long id(String checkpointDirectory) {
    return Long.parseLong(checkpointDirectory.substring("chk-".length()));
  }

  /** Reads a heap keyed-state snapshot of ValueState<Long> "count" keyed by Long; returns the sum of the values. */
  private static long sumOfCounts(StateBlock keyed) throws Exception {
    TypeSerializer<Long> longs = SerializerFactory.create(Types.LONG);
    assertThat(keyed.version()).isEqualTo(KeyedStateSnapshot.CANONICAL_FORMAT);
    long[] sum = {0};
    for (KeyGroupedStateReader.Section section : KeyGroupedStateReader.readIndex(keyed, keyed.version())) {
      assertThat(section.name()).isEqualTo("count");
      section.read(section.range(), (keyGroup, in) -> {
        longs.deserialize(in);
        VoidNamespaceSerializer.INSTANCE.deserialize(in);
        sum[0] += longs.deserialize(in);
      });
    }
    return sum[0];
  }
}
