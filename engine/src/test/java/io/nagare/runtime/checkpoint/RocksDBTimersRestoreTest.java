package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.runtime.operators.OperatorSnapshot;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.state.KeyedStateBackendFactory;
import io.nagare.state.StateBackends;
import io.nagare.testing.CollectSink;
import io.nagare.testing.LocalSharedDirectory;
import io.nagare.testing.OneInputOperatorTestHarness;
import io.nagare.testing.SavepointTarget;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Timers of a RocksDB-backed operator live in RocksDB: a checkpoint does not serialise them on the
 * subtask's thread, and they restore from every kind of snapshot, at any parallelism, into either
 * timer service: savepoints of the earlier format (timers in the subtask file's timers block),
 * RocksDB files holding timers, and canonical snapshots. Each case fires every timer exactly once.
 */
class RocksDBTimersRestoreTest {
  @TempDir
  Path dir;

  private KeyedStateBackendFactory rocksdb(String timers) {
    Configuration conf = new Configuration();
    conf.setString("state.backend.type", "rocksdb");
    conf.setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
    conf.setString("state.backend.rocksdb.timer-service.factory", timers);
    return StateBackends.fromConfiguration(conf);
  }

  private OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> harness(String timers) {
    return OneInputOperatorTestHarness.<Long, Long, Tuple2<Long, Long>>forKeyedProcess(new TimerJob.Timers(),
        k -> k % 1_000, Types.LONG, Types.LONG).withStateBackend(rocksdb(timers));
  }

  /** Fires every timer of {@code h} and returns what fired (key and timestamp), without the elements' echoes. */
  private static List<Tuple2<Long, Long>> fireAll(OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> h)
      throws Exception {
    h.clearOutput();
    h.processWatermark(Long.MAX_VALUE);
    h.setProcessingTime(Long.MAX_VALUE - 1);
    List<Tuple2<Long, Long>> fired = new ArrayList<>(h.extractOutputValues());
    h.close();
    return fired;
  }

  private static List<Tuple2<Long, Long>> expected(long elements) {
    List<Tuple2<Long, Long>> all = new ArrayList<>();
    for (long v = 0; v < elements; v++) {
      all.add(Tuple2.of(v % 1_000, TimerJob.EVENT_TIME + v));
      all.add(Tuple2.of(v % 1_000, TimerJob.PROCESSING_TIME + v));
    }
    return all;
  }

  @Test
  void aCheckpointOf200000TimersInRocksDBSerialisesNoneOnTheSubtaskThread() throws Exception {
    int elements = 100_000;
    OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> rocks = harness("rocksdb");
    OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> heap = harness("heap");
    rocks.open();
    heap.open();
    for (long v = 0; v < elements; v++) {
      rocks.processElement(v);
      heap.processElement(v);
    }
    assertThat(rocks.numEventTimeTimers() + rocks.numProcessingTimeTimers()).isEqualTo(2 * elements);

    OperatorSnapshot inRocks = rocks.getOperator().snapshotState(1, 1, false);
    OperatorSnapshot onHeap = heap.getOperator().snapshotState(1, 1, false);
    inRocks.release();
    onHeap.release();

    assertThat(inRocks.synchronousTimerBytes()).as("timer bytes serialised on the subtask's thread").isEmpty();
    assertThat(onHeap.synchronousTimerBytes().length).as("heap timers: timestamp and key of each, serialised then")
        .isGreaterThan(2 * elements * 16);

    byte[] savepoint = rocks.snapshot(2, SavepointTarget.INSTANCE);
    rocks.close();
    heap.close();
    List<Tuple2<Long, Long>> fired = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> part = harness(subtask == 0 ? "rocksdb" : "heap")
          .restore(List.of(savepoint), subtask, 2);
      part.open();
      fired.addAll(fireAll(part));
    }
    assertThat(sorted(fired)).isEqualTo(sorted(expected(elements)));
  }

  private static List<String> sorted(List<Tuple2<Long, Long>> timers) {
    return timers.stream().map(t -> t.f0 + "@" + t.f1).sorted().toList();
  }

  /** RocksDB files holding timers restore into RocksDB or heap timers; heap timers' blocks into RocksDB. */
  @ParameterizedTest
  @CsvSource({"rocksdb, rocksdb", "rocksdb, heap", "heap, rocksdb"})
  void anIncrementalCheckpointRestoresIntoEitherTimerServiceAtAnotherParallelism(String before, String after)
      throws Exception {
    int elements = 5_000;
    OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> h = harness(before);
    h.open();
    for (long v = 0; v < elements; v++) {
      h.processElement(v);
    }
    byte[] checkpoint = h.snapshot(1, new LocalSharedDirectory(dir.resolve("shared")));
    h.close();

    List<Tuple2<Long, Long>> fired = new ArrayList<>();
    for (int subtask = 0; subtask < 3; subtask++) {
      OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> part = harness(after).restore(List.of(checkpoint), subtask,
          3);
      part.open();
      fired.addAll(fireAll(part));
    }
    assertThat(fired).containsExactlyInAnyOrderElementsOf(expected(elements));
  }

  /**
   * Timers in RocksDB carry their serializer snapshot in RocksDB files and in savepoints written from
   * them, so a restore whose keys are of another type is refused before any timer is read, naming the
   * timers, the operator and the difference.
   */
  @ParameterizedTest
  @CsvSource({"files, rocksdb", "files, heap", "savepoint, rocksdb", "savepoint, heap"})
  @SuppressWarnings({"unchecked", "rawtypes"})
  void timersRestoredWithKeysOfAnotherTypeAreRefused(String snapshot, String after) throws Exception {
    OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> h = harness("rocksdb");
    h.open();
    for (long v = 0; v < 100; v++) {
      h.processElement(v);
    }
    byte[] bytes = snapshot.equals("files") ? h.snapshot(1, new LocalSharedDirectory(dir.resolve("shared")))
        : h.snapshot(1, SavepointTarget.INSTANCE);
    h.close();

    OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> stringKeys = OneInputOperatorTestHarness
        .forKeyedProcess((TimerJob.Timers) new TimerJob.Timers(), (KeySelector) k -> "k" + k, (TypeInformation) Types.STRING,
            Types.LONG)
        .withStateBackend(rocksdb(after)).restore(List.of(bytes), 0, 1);
    assertThatThrownBy(stringKeys::open).hasStackTraceContaining("the event-time timers")
        .hasStackTraceContaining("java.lang.Long").hasStackTraceContaining("java.lang.String");
  }

  /**
   * A job on RocksDB with timers in RocksDB stopped with a savepoint at parallelism 2 (its timers
   * written by the checkpoint I/O thread from the RocksDB checkpoint) restores at parallelism 3: the
   * event-time timers fire once each when the new input ends, those of the keys the new input has
   * not (keys 50 to 99) and those it registers again (keys 0 to 49).
   */
  @Test
  void aJobsTimersInRocksDBSurviveASavepointAndARestoreAtAnotherParallelism() throws Exception {
    String savepoint = TimerJob.runAndStop("rocksdb", 100, dir.resolve("savepoints"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    env.getConfiguration().setString("state.backend.type", "rocksdb");
    env.getConfiguration().setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
    env.getConfiguration().setString("execution.savepoint.path", savepoint);
    env.getConfiguration().setString("execution.savepoint.ignore-unclaimed-state", "true");
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSource(new NumberSequenceSource(0, 49), WatermarkStrategy.<Long>forMonotonousTimestamps()
            .withTimestampAssigner((k, ts) -> 0L), "keys again", Types.LONG).uid("keys again")
        .keyBy(k -> k, Types.LONG)
        .process(new TimerJob.Timers(), Types.TUPLE(Types.LONG, Types.LONG)).uid("timers")
        .addSink(sink);
    env.execute("timers restored");

    List<Tuple2<Long, Long>> expected = new ArrayList<>();
    for (long k = 0; k < 100; k++) {
      if (k < 50) {
        expected.add(Tuple2.of(k, 0L));
      }
      expected.add(Tuple2.of(k, TimerJob.EVENT_TIME + k));
    }
    assertThat(sorted(sink.values())).isEqualTo(sorted(expected));
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(RocksDBTimersRestoreTest.class.getResource("/savepoints/" + name + "/_metadata").toURI())
        .getParent().toUri().toString();
  }

  /** Savepoints written before timers could live in RocksDB (see the resources' README). */
  @ParameterizedTest
  @CsvSource({"v3-rocksdb-timers, 1", "v3-rocksdb-timers, 3", "v3-hashmap-timers, 2"})
  void aSavepointOfTheEarlierFormatRestoresItsTimersIntoRocksDB(String savepoint, int parallelism) throws Exception {
    JobRestore restore = JobRestore.read(resource(savepoint));
    String timersOperator = restore.operatorIdsWithState().stream().filter(id -> !id.equals("keys")).findFirst()
        .orElseThrow();
    List<Tuple2<Long, Long>> fired = new ArrayList<>();
    int pending = 0;
    for (int subtask = 0; subtask < parallelism; subtask++) {
      OneInputOperatorTestHarness<Long, Tuple2<Long, Long>> part = OneInputOperatorTestHarness
          .<Long, Long, Tuple2<Long, Long>>forKeyedProcess(new TimerJob.Timers(), k -> k, Types.LONG, Types.LONG)
          .withStateBackend(rocksdb("rocksdb")).asSubtask(subtask, parallelism);
      part.getOperator().setRestore(restore.forOperator(timersOperator, subtask, parallelism));
      part.open();
      pending += part.numEventTimeTimers() + part.numProcessingTimeTimers();
      assertThat(part.getOperator().getTimerService().isStoredWithKeyedState()).isTrue();
      fired.addAll(fireAll(part));
    }
    List<Tuple2<Long, Long>> expected = new ArrayList<>();
    for (long k = 0; k < 100; k++) {
      expected.add(Tuple2.of(k, TimerJob.EVENT_TIME + k));
      expected.add(Tuple2.of(k, TimerJob.PROCESSING_TIME + k));
    }
    assertThat(pending).isEqualTo(200);
    assertThat(fired).containsExactlyInAnyOrderElementsOf(expected);
  }
}
