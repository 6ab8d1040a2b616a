package io.nagare.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.StreamExecutionEnvironment;
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
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.tuple.Tuple3;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keyed streams end to end in the local runtime: rolling aggregations and keyed state of every
 * kind, with keys spread over parallel subtasks. One source subtask feeds the keyed operator, so
 * each key's records arrive in input order and the per-key output sequences are exact.
 */
class KeyedStreamTest {

  private static final List<Tuple3<String, Integer, Integer>> INPUT = List.of(
      Tuple3.of("a", 5, 1), Tuple3.of("b", 2, 2), Tuple3.of("a", 3, 3), Tuple3.of("c", 9, 4),
      Tuple3.of("a", 7, 5), Tuple3.of("b", 2, 6), Tuple3.of("a", 3, 7), Tuple3.of("b", 1, 8));

  private static Map<String, List<Tuple3<String, Integer, Integer>>> byKey(List<Tuple3<String, Integer, Integer>> out) {
    Map<String, List<Tuple3<String, Integer, Integer>>> grouped = new LinkedHashMap<>();
    for (Tuple3<String, Integer, Integer> t : out) {
      grouped.computeIfAbsent(t.f0, k -> new ArrayList<>()).add(t);
    }
    return grouped;
  }

  private interface Aggregation {
    io.nagare.api.datastream.DataStream<Tuple3<String, Integer, Integer>> apply(
        io.nagare.api.datastream.KeyedStream<Tuple3<String, Integer, Integer>, String> keyed);
  }

  private static Map<String, List<Tuple3<String, Integer, Integer>>> run(Aggregation aggregation) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    CollectSink<Tuple3<String, Integer, Integer>> sink = new CollectSink<>();
    aggregation.apply(env.fromCollection(INPUT).keyBy(t -> t.f0)).addSink(sink);
    env.execute("aggregation");
    return byKey(sink.values());
  }

  @Test
  void sumKeepsTheFirstElementsOtherFields() throws Exception {
    assertThat(run(k -> k.sum(1))).isEqualTo(Map.of(
        "a", List.of(Tuple3.of("a", 5, 1), Tuple3.of("a", 8, 1), Tuple3.of("a", 15, 1), Tuple3.of("a", 18, 1)),
        "b", List.of(Tuple3.of("b", 2, 2), Tuple3.of("b", 4, 2), Tuple3.of("b", 5, 2)),
        "c", List.of(Tuple3.of("c", 9, 4))));
  }

  @Test
  void minAndMaxReplaceOnlyTheAggregatedField() throws Exception {
    assertThat(run(k -> k.min(1))).isEqualTo(Map.of(
        "a", List.of(Tuple3.of("a", 5, 1), Tuple3.of("a", 3, 1), Tuple3.of("a", 3, 1), Tuple3.of("a", 3, 1)),
        "b", List.of(Tuple3.of("b", 2, 2), Tuple3.of("b", 2, 2), Tuple3.of("b", 1, 2)),
        "c", List.of(Tuple3.of("c", 9, 4))));
    assertThat(run(k -> k.max(1))).isEqualTo(Map.of(
        "a", List.of(Tuple3.of("a", 5, 1), Tuple3.of("a", 5, 1), Tuple3.of("a", 7, 1), Tuple3.of("a", 7, 1)),
        "b", List.of(Tuple3.of("b", 2, 2), Tuple3.of("b", 2, 2), Tuple3.of("b", 2, 2)),
        "c", List.of(Tuple3.of("c", 9, 4))));
  }

  @Test
  void minByAndMaxByEmitWholeElementsAndKeepTheFirstOnTies() throws Exception {
    assertThat(run(k -> k.minBy(1))).isEqualTo(Map.of(
        "a", List.of(Tuple3.of("a", 5, 1), Tuple3.of("a", 3, 3), Tuple3.of("a", 3, 3), Tuple3.of("a", 3, 3)),
        "b", List.of(Tuple3.of("b", 2, 2), Tuple3.of("b", 2, 2), Tuple3.of("b", 1, 8)),
        "c", List.of(Tuple3.of("c", 9, 4))));
    assertThat(run(k -> k.maxBy(1))).isEqualTo(Map.of(
        "a", List.of(Tuple3.of("a", 5, 1), Tuple3.of("a", 5, 1), Tuple3.of("a", 7, 5), Tuple3.of("a", 7, 5)),
        "b", List.of(Tuple3.of("b", 2, 2), Tuple3.of("b", 2, 2), Tuple3.of("b", 2, 2)),
        "c", List.of(Tuple3.of("c", 9, 4))));
  }

  @Test
  void reduceEmitsTheRunningReductionPerKey() throws Exception {
    assertThat(run(k -> k.reduce((x, y) -> Tuple3.of(x.f0, x.f1 * y.f1, y.f2)))).isEqualTo(Map.of(
        "a", List.of(Tuple3.of("a", 5, 1), Tuple3.of("a", 15, 3), Tuple3.of("a", 105, 5), Tuple3.of("a", 315, 7)),
        "b", List.of(Tuple3.of("b", 2, 2), Tuple3.of("b", 4, 6), Tuple3.of("b", 4, 8)),
        "c", List.of(Tuple3.of("c", 9, 4))));
  }

  @Test
  void sumOnPojoFieldByName() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<Reading> sink = new CollectSink<>();
    env.fromElements(new Reading("x", 1.5), new Reading("y", 2.0), new Reading("x", 2.25))
        .keyBy(r -> r.sensor).sum("value").addSink(sink);
    env.execute("pojo-sum");
    assertThat(sink.values()).extracting(r -> r.sensor + "=" + r.value)
        .containsExactlyInAnyOrder("x=1.5", "y=2.0", "x=3.75");
  }

  /** A POJO: public no-argument constructor and public fields. */
  public static final class Reading {
    public String sensor;
    public double value;

    public Reading() {}

    Reading(String sensor, double value) {
      this.sensor = sensor;
      this.value = value;
    }
  }

  /** Uses every keyed state kind; emits one line per element describing the key's state after it. */
  static final class AllStates extends KeyedProcessFunction<Integer, Long, String> {
    private transient ValueState<Long> count;
    private transient ListState<Long> seen;
    private transient MapState<Long, Integer> lastDigits;
    private transient ReducingState<Long> max;
    private transient AggregatingState<Long, String> average;

    @Override
    public void open(OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
      seen = getRuntimeContext().getListState(new ListStateDescriptor<>("seen", Types.LONG));
      lastDigits = getRuntimeContext().getMapState(new MapStateDescriptor<>("digits", Types.LONG, Types.INT));
      max = getRuntimeContext().getReducingState(new ReducingStateDescriptor<>("max", Math::max, Types.LONG));
      average = getRuntimeContext().getAggregatingState(new AggregatingStateDescriptor<>("avg", new Average(),
          Types.TUPLE(Types.LONG, Types.LONG)));
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<String> out) throws Exception {
      Long c = count.value();
      count.update(c == null ? 1 : c + 1);
      seen.add(value);
      lastDigits.put(value % 10, lastDigits.contains(value % 10) ? lastDigits.get(value % 10) + 1 : 1);
      max.add(value);
      average.add(value);
      List<Long> all = new ArrayList<>();
      seen.get().forEach(all::add);
      out.collect(ctx.getCurrentKey() + ": count=" + count.value() + " seen=" + all + " digits="
          + lastDigits.entries().iterator().hasNext() + "/" + sizeOf(lastDigits) + " max=" + max.get()
          + " avg=" + average.get());
    }

    private static int sizeOf(MapState<Long, Integer> map) throws Exception {
      int n = 0;
      for (Long ignored : map.keys()) {
        n++;
      }
      return n;
    }
  }

  /** Average as "sum/count". */
  static final class Average implements AggregateFunction<Long, Tuple2<Long, Long>, String> {
    @Override
    public Tuple2<Long, Long> createAccumulator() {
      return Tuple2.of(0L, 0L);
    }

    @Override
    public Tuple2<Long, Long> add(Long value, Tuple2<Long, Long> acc) {
      return Tuple2.of(acc.f0 + value, acc.f1 + 1);
    }

    @Override
    public String getResult(Tuple2<Long, Long> acc) {
      return acc.f0 + "/" + acc.f1;
    }

    @Override
    public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
      return Tuple2.of(a.f0 + b.f0, a.f1 + b.f1);
    }
  }

  @Test
  void everyStateKindIsScopedToItsKeyAcrossParallelSubtasks() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    CollectSink<String> sink = new CollectSink<>();
    env.fromSequence(1, 12).setParallelism(1).keyBy(x -> (int) (x % 3), Types.INT)
        .process(new AllStates()).addSink(sink);
    env.execute("all-states");
    assertThat(sink.values()).containsExactlyInAnyOrder(
        "1: count=1 seen=[1] digits=true/1 max=1 avg=1/1",
        "2: count=1 seen=[2] digits=true/1 max=2 avg=2/1",
        "0: count=1 seen=[3] digits=true/1 max=3 avg=3/1",
        "1: count=2 seen=[1, 4] digits=true/2 max=4 avg=5/2",
        "2: count=2 seen=[2, 5] digits=true/2 max=5 avg=7/2",
        "0: count=2 seen=[3, 6] digits=true/2 max=6 avg=9/2",
        "1: count=3 seen=[1, 4, 7] digits=true/3 max=7 avg=12/3",
        "2: count=3 seen=[2, 5, 8] digits=true/3 max=8 avg=15/3",
        "0: count=3 seen=[3, 6, 9] digits=true/3 max=9 avg=18/3",
        "1: count=4 seen=[1, 4, 7, 10] digits=true/4 max=10 avg=22/4",
        "2: count=4 seen=[2, 5, 8, 11] digits=true/4 max=11 avg=26/4",
        "0: count=4 seen=[3, 6, 9, 12] digits=true/4 max=12 avg=30/4");
  }

  @Test
  void keyedCountsOverManyKeysMatchAPlainComputation() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(4);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSequence(0, 99_999).map(x -> Tuple2.of(x % 1000, 1L))
        .returns(Types.TUPLE(Types.LONG, Types.LONG)).keyBy(t -> t.f0).sum(1)
        .filter(t -> t.f1 == 100).addSink(sink);
    env.execute("many-keys");
    List<Long> keys = new ArrayList<>();
    for (Tuple2<Long, Long> t : sink.values()) {
      keys.add(t.f0);
    }
    keys.sort(null);
    List<Long> expected = new ArrayList<>();
    for (long k = 0; k < 1000; k++) {
      expected.add(k);
    }
    assertThat(keys).isEqualTo(expected);
  }
}
