package io.nagare.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.StateTtlConfig;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.state.StateBackends;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** State time-to-live on the heap backend, driven by the harness's manual processing-time clock. */
class StateTtlTest {

  /**
   * Runs commands "key:op[:arg]" against states with a 100 ms time-to-live: put/get (value),
   * add/list (list), mput/mget (map entry "k"), sum/total (reducing), noop (touches no state).
   */
  static final class Commands extends KeyedProcessFunction<String, String, String> {
    private final StateTtlConfig ttl;
    private transient ValueState<String> value;
    private transient ListState<String> list;
    private transient MapState<String, String> map;
    private transient ReducingState<Integer> sum;

    Commands(StateTtlConfig ttl) {
      this.ttl = ttl;
    }

    @Override
    public void open(OpenContext ctx) {
      ValueStateDescriptor<String> v = new ValueStateDescriptor<>("value", Types.STRING);
      ListStateDescriptor<String> l = new ListStateDescriptor<>("list", Types.STRING);
      MapStateDescriptor<String, String> m = new MapStateDescriptor<>("map", Types.STRING, Types.STRING);
      ReducingStateDescriptor<Integer> r = new ReducingStateDescriptor<>("sum", Integer::sum, Types.INT);
      v.enableTimeToLive(ttl);
      l.enableTimeToLive(ttl);
      m.enableTimeToLive(ttl);
      r.enableTimeToLive(ttl);
      value = getRuntimeContext().getState(v);
      list = getRuntimeContext().getListState(l);
      map = getRuntimeContext().getMapState(m);
      sum = getRuntimeContext().getReducingState(r);
    }

    @Override
    public void processElement(String command, Context ctx, Collector<String> out) throws Exception {
      String[] c = command.split(":");
      switch (c[1]) {
        case "put" -> value.update(c[2]);
        case "get" -> out.collect(String.valueOf(value.value()));
        case "add" -> list.add(c[2]);
        case "list" -> {
          List<String> all = new ArrayList<>();
          list.get().forEach(all::add);
          out.collect(all.toString());
        }
        case "mput" -> map.put(c[2], c[3]);
        case "mget" -> out.collect(map.get(c[2]) + " " + map.contains(c[2]) + " " + map.keys());
        case "sum" -> sum.add(Integer.parseInt(c[2]));
        case "total" -> out.collect(String.valueOf(sum.get()));
        default -> { }
      }
    }
  }

  @TempDir
  Path temp;

  private OneInputOperatorTestHarness<String, String> unopened(String backend, StateTtlConfig ttl) {
    Configuration conf = new Configuration().set(CoreOptions.STATE_BACKEND, backend)
        .set(CoreOptions.ROCKSDB_LOCAL_DIRECTORY, temp.toString());
    return OneInputOperatorTestHarness.forKeyedProcess(new Commands(ttl), s -> s.substring(0, s.indexOf(':')),
        Types.STRING, Types.STRING).withStateBackend(StateBackends.fromConfiguration(conf));
  }

  private OneInputOperatorTestHarness<String, String> harness(String backend, StateTtlConfig ttl) throws Exception {
    OneInputOperatorTestHarness<String, String> h = unopened(backend, ttl);
    h.open();
    return h;
  }

  private static StateTtlConfig.Builder ttl() {
    return StateTtlConfig.newBuilder(Duration.ofMillis(100)).cleanupIncrementally(0, false);
  }

  private static List<String> run(OneInputOperatorTestHarness<String, String> h, String... commands) throws Exception {
    h.clearOutput();
    for (String c : commands) {
      h.processElement(c);
    }
    return h.extractOutputValues();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void valuesExpireAfterTheirTimeToLiveSinceTheLastWrite(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness(backend, ttl().build());
    run(h, "a:put:x", "a:sum:2");
    h.setProcessingTime(60);
    run(h, "a:sum:3");
    h.setProcessingTime(99);
    assertThat(run(h, "a:get", "a:total")).containsExactly("x", "5");
    h.setProcessingTime(100);
    assertThat(run(h, "a:get")).containsExactly("null");
    h.setProcessingTime(159);
    assertThat(run(h, "a:total")).containsExactly("5");
    h.setProcessingTime(160);
    assertThat(run(h, "a:total")).containsExactly("null");
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void readsRefreshTheTimeToLiveWhenAsked(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness(backend, ttl()
        .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build());
    run(h, "a:put:x");
    h.setProcessingTime(80);
    assertThat(run(h, "a:get")).containsExactly("x");
    h.setProcessingTime(170);
    assertThat(run(h, "a:get")).containsExactly("x");
    h.setProcessingTime(270);
    assertThat(run(h, "a:get")).containsExactly("null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void expiredValuesCanStayVisibleUntilCleanedUpWhenAllowed(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness(backend, ttl()
        .setStateVisibility(StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp).build());
    run(h, "a:put:x");
    h.setProcessingTime(500);
    assertThat(run(h, "a:get")).containsExactly("x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void listElementsAndMapEntriesExpireEachOnItsOwn(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness(backend, ttl().build());
    run(h, "a:add:first", "a:mput:k:1");
    h.setProcessingTime(60);
    run(h, "a:add:second", "a:mput:j:2");
    h.setProcessingTime(110);
    assertThat(run(h, "a:list", "a:mget:k", "a:mget:j")).containsExactly("[second]", "null false [j]",
        "2 true [j]");
    h.setProcessingTime(200);
    assertThat(run(h, "a:list", "a:mget:j")).containsExactly("[]", "null false []");
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void incrementalCleanupShrinksStateOfKeysThatAreNeverReadAgain(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness(backend, ttl().cleanupIncrementally(50, false).build());
    for (int k = 0; k < 1000; k++) {
      h.processElement("k" + k + ":put:v");
    }
    assertThat(h.numKeyedStateEntries()).isEqualTo(1000);
    h.setProcessingTime(150);
    for (int i = 0; i < 30; i++) {
      h.processElement("other:get");
    }
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void cleanupForEveryRecordRunsEvenWhenRecordsTouchNoState(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness(backend, ttl().cleanupIncrementally(20, true).build());
    for (int k = 0; k < 300; k++) {
      h.processElement("k" + k + ":put:v");
    }
    h.setProcessingTime(150);
    int before = h.numKeyedStateEntries();
    for (int i = 0; i < 10; i++) {
      h.processElement("z:noop");
    }
    assertThat(before).isEqualTo(300);
    assertThat(h.numKeyedStateEntries()).isLessThan(300);
    for (int i = 0; i < 100; i++) {
      h.processElement("z:noop");
    }
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void expiredValuesAreLeftOutOfSnapshots(String backend) throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness(backend, ttl().build());
    run(h, "a:put:old", "b:put:old");
    h.setProcessingTime(80);
    run(h, "b:put:new", "c:add:x");
    h.setProcessingTime(120);
    byte[] snapshot = h.snapshot(1);

    OneInputOperatorTestHarness<String, String> restored = unopened(backend, ttl().build()).restore(snapshot);
    restored.open();
    assertThat(restored.numKeyedStateEntries()).isEqualTo(2);
    assertThat(run(restored, "a:get", "b:get", "c:list")).containsExactly("null", "new", "[x]");
  }

  /** On RocksDB a periodic scan deletes expired values even when no record arrives to trigger cleanup. */
  @Test
  void rocksDbScansForExpiredValuesPeriodicallyWithoutAnyRecords() throws Exception {
    OneInputOperatorTestHarness<String, String> h = harness("rocksdb", ttl()
        .cleanupByPeriodicScan(Duration.ofSeconds(1)).build());
    for (int k = 0; k < 2_500; k++) {
      h.processElement("k" + k + ":put:v");
    }
    h.setProcessingTime(999);
    assertThat(h.numKeyedStateEntries()).isEqualTo(2_500);
    h.setProcessingTime(1_000);
    assertThat(h.numKeyedStateEntries()).as("one scan, in steps of 1000 entries, removed everything").isZero();
    assertThat(h.numProcessingTimeTimers()).isZero();

    h.processElement("fresh:put:v");
    h.setProcessingTime(2_000);
    assertThat(h.numKeyedStateEntries()).as("written at 1000, expires at 1100").isZero();
  }

  @Test
  void theScanIntervalMustNotBeNegative() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ttl().cleanupByPeriodicScan(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("The scan interval must not be negative, not PT-1S");
  }
}
