package io.nagare.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.state.StateBackends;
import io.nagare.testing.LocalSharedDirectory;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Operator state through snapshot and restore on the harness: every state kind, timers, and another parallelism. */
public class SnapshotRestoreTest {

  /** Keeps one of each state kind per key; on "?" reports them, on a timer reports it fired. */
  static final class Everything extends KeyedProcessFunction<String, String, String> {
    private transient ValueState<Integer> value;
    private transient ListState<String> list;
    private transient MapState<String, Integer> map;
    private transient ReducingState<Integer> sum;
    private transient AggregatingState<String, Integer> totalLength;

    @Override
    public void open(OpenContext ctx) {
      value = getRuntimeContext().getState(new ValueStateDescriptor<>("value", Types.INT));
      list = getRuntimeContext().getListState(new ListStateDescriptor<>("list", Types.STRING));
      map = getRuntimeContext().getMapState(new MapStateDescriptor<>("map", Types.STRING, Types.INT));
      sum = getRuntimeContext().getReducingState(new ReducingStateDescriptor<>("sum", Integer::sum, Types.INT));
      totalLength = getRuntimeContext().getAggregatingState(new AggregatingStateDescriptor<>("length", new Length(),
          Types.INT));
    }

    @Override
    public void processElement(String element, Context ctx, Collector<String> out) throws Exception {
      String key = ctx.getCurrentKey();
      if (element.endsWith("?")) {
        List<String> items = new ArrayList<>();
        list.get().forEach(items::add);
        out.collect(key + ": value=" + value.value() + " list=" + items + " map=" + map.get("n") + " sum=" + sum.get()
            + " length=" + totalLength.get());
        return;
      }
      value.update(element.length());
      list.add(element);
      map.put("n", map.contains("n") ? map.get("n") + 1 : 1);
      sum.add(element.length());
      totalLength.add(element);
      ctx.timerService().registerEventTimeTimer(100);
      ctx.timerService().registerProcessingTimeTimer(50);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      out.collect(ctx.getCurrentKey() + " fired " + ctx.timeDomain() + "@" + timestamp);
    }
  }

  /** Total length of strings. */
  public static final class Length implements AggregateFunction<String, Integer, Integer> {
    @Override
    public Integer createAccumulator() {
      return 0;
    }

    @Override
    public Integer add(String value, Integer acc) {
      return acc + value.length();
    }

    @Override
    public Integer getResult(Integer acc) {
      return acc;
    }

    @Override
    public Integer merge(Integer a, Integer b) {
      return a + b;
    }
  }

  @TempDir
  Path temp;

  private OneInputOperatorTestHarness<String, String> harness(String backend) {
    Configuration conf = new Configuration().set(CoreOptions.STATE_BACKEND, backend)
        .set(CoreOptions.ROCKSDB_LOCAL_DIRECTORY, temp.resolve("rocksdb").toString());
    return OneInputOperatorTestHarness.forKeyedProcess(new Everything(), s -> s.substring(0, 1), Types.STRING,
        Types.STRING).withStateBackend(StateBackends.fromConfiguration(conf));
  }

  private OneInputOperatorTestHarness<String, String> harness() {
    return harness("hashmap");
  }

  /** Keeps the latest length per key as a {@code long} where {@link Everything} kept an {@code int}. */
  static final class LongValue extends KeyedProcessFunction<String, String, String> {
    @Override
    public void open(OpenContext ctx) {
      getRuntimeContext().getState(new ValueStateDescriptor<>("value", Types.LONG));
    }

    @Override
    public void processElement(String element, Context ctx, Collector<String> out) {}
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aStateWhoseTypeChangedIsRefusedNamingTheStateAndTheOperator(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> before = harness(backend);
    before.open();
    before.processElement("aa");
    byte[] snapshot = before.snapshot(1);
    before.close();

    Configuration conf = new Configuration().set(CoreOptions.STATE_BACKEND, backend)
        .set(CoreOptions.ROCKSDB_LOCAL_DIRECTORY, temp.resolve("rocksdb").toString());
    OneInputOperatorTestHarness<String, String> after = OneInputOperatorTestHarness.forKeyedProcess(new LongValue(),
        s -> s.substring(0, 1), Types.STRING, Types.STRING).withStateBackend(StateBackends.fromConfiguration(conf))
        .restore(snapshot);
    org.assertj.core.api.Assertions.assertThatThrownBy(after::open)
        .hasStackTraceContaining("java.lang.IllegalStateException: Cannot restore state 'value' of operator"
            + " 'TestOperator (uid test-operator)': the value changed from java.lang.Integer to java.lang.Long\n");
  }

  /** Savepoints are backend-independent: each backend restores what either took. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"hashmap, hashmap", "rocksdb, rocksdb", "rocksdb, hashmap", "hashmap, rocksdb"})
  void everyStateKindAndTimerComesBackAfterRestore(String from, String to) throws Exception {
    OneInputOperatorTestHarness<String, String> before = harness(from);
    before.open();
    before.processElement("aa");
    before.processElement("abc");
    before.processElement("bbbb");
    byte[] snapshot = before.snapshot(1);
    before.close();

    OneInputOperatorTestHarness<String, String> after = harness(to).restore(snapshot);
    after.open();
    assertThat(after.numEventTimeTimers()).isEqualTo(2);
    assertThat(after.numProcessingTimeTimers()).isEqualTo(2);
    after.processElement("a5");
    after.processElement("a?");
    after.processElement("b?");
    assertThat(after.extractOutputValues()).containsExactly(
        "a: value=2 list=[aa, abc, a5] map=3 sum=7 length=7",
        "b: value=4 list=[bbbb] map=1 sum=4 length=4");
    after.clearOutput();
    after.setProcessingTime(50);
    after.processWatermark(100);
    assertThat(after.extractOutputValues()).containsExactlyInAnyOrder("a fired PROCESSING_TIME@50",
        "b fired PROCESSING_TIME@50", "a fired EVENT_TIME@100", "b fired EVENT_TIME@100");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void restoringAtAnotherParallelismSplitsTheKeysByKeyGroup(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> before = harness(backend);
    before.open();
    String letters = "abcdefghijklmnopqrstuvwxyz";
    for (char c : letters.toCharArray()) {
      before.processElement(c + "x");
    }
    int entriesBefore = before.numKeyedStateEntries();
    byte[] snapshot = before.snapshot(1);

    int entriesAfter = 0;
    List<String> reported = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      OneInputOperatorTestHarness<String, String> part = harness(backend).restore(List.of(snapshot), subtask, 2);
      part.open();
      entriesAfter += part.numKeyedStateEntries();
      assertThat(part.numKeyedStateEntries()).isGreaterThan(0).isLessThan(entriesBefore);
      for (char c : letters.toCharArray()) {
        int keyGroup = io.nagare.state.KeyGroupRangeAssignment.assignToKeyGroup(String.valueOf(c), 128);
        if (io.nagare.state.KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(128, 2, keyGroup) == subtask) {
          part.processElement(c + "?");
        }
      }
      reported.addAll(part.extractOutputValues());
    }
    assertThat(entriesAfter).isEqualTo(entriesBefore);
    assertThat(reported).hasSize(26).allMatch(s -> s.endsWith("value=2 list=[" + s.charAt(0) + "x] map=1 sum=2"
        + " length=2"));
  }

  /** A RocksDB checkpoint of the database's own files restores every state kind, also at another parallelism. */
  @Test
  void rocksDbCheckpointOfItsOwnFilesRestoresWholeAndSplit() throws Exception {
    LocalSharedDirectory shared = new LocalSharedDirectory(temp.resolve("shared"));
    OneInputOperatorTestHarness<String, String> before = harness("rocksdb");
    before.open();
    String letters = "abcdefghijklmnopqrstuvwxyz";
    for (char c : letters.toCharArray()) {
      before.processElement(c + "x");
    }
    byte[] checkpoint = before.snapshot(1, shared.next());
    assertThat(shared.uploaded()).isNotEmpty();
    assertThat(shared.referenced()).isEmpty();
    before.close();

    OneInputOperatorTestHarness<String, String> whole = harness("rocksdb").restore(checkpoint);
    whole.open();
    whole.processElement("q?");
    assertThat(whole.extractOutputValues()).containsExactly("q: value=2 list=[qx] map=1 sum=2 length=2");
    assertThat(whole.numKeyedStateEntries()).isEqualTo(26 * 5);
    whole.close();

    int entries = 0;
    for (int subtask = 0; subtask < 3; subtask++) {
      OneInputOperatorTestHarness<String, String> part = harness("rocksdb").restore(List.of(checkpoint), subtask, 3);
      part.open();
      entries += part.numKeyedStateEntries();
      part.close();
    }
    assertThat(entries).isEqualTo(26 * 5);
  }

  @Test
  void heapRefusesARocksDbCheckpointOfItsOwnFilesByName() throws Exception {
    OneInputOperatorTestHarness<String, String> before = harness("rocksdb");
    before.open();
    before.processElement("ax");
    byte[] checkpoint = before.snapshot(1, new LocalSharedDirectory(temp.resolve("shared")));
    before.close();
    OneInputOperatorTestHarness<String, String> heap = harness("hashmap").restore(checkpoint);
    org.assertj.core.api.Assertions.assertThatThrownBy(heap::open).hasMessageContaining(
        "This checkpoint holds RocksDB's own files and restores only on the RocksDB backend");
  }
}
