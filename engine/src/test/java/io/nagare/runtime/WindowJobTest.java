package io.nagare.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.OutputTag;
import io.nagare.api.datastream.DataStream;
import io.nagare.api.datastream.SingleOutputStreamOperator;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.Watermark;
import io.nagare.api.eventtime.WatermarkGenerator;
import io.nagare.api.eventtime.WatermarkOutput;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.CoGroupFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.ProcessAllWindowFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.tuple.Tuple3;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.api.windowing.windows.TimeWindow;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.testing.CollectSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Windows in running jobs: event-time windows across exchanges, late data, joins, co-groups, windowAll. */
class WindowJobTest {

  /** Bounded out-of-orderness, but emitting after every element, so the watermark sequence is deterministic. */
  static final class PunctuatedBounded<T> implements WatermarkGenerator<T> {
    private final long bound;
    private long max = Long.MIN_VALUE;

    PunctuatedBounded(long bound) {
      this.bound = bound;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
      max = Math.max(max, eventTimestamp);
      output.emitWatermark(new Watermark(max - bound - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  private static <T> WatermarkStrategy<T> punctuated(long bound) {
    return WatermarkStrategy.forGenerator(ctx -> new PunctuatedBounded<>(bound));
  }

  /** On the heap backend, and on RocksDB with the window timers in RocksDB. */
  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void tumblingEventTimeWindowsAcrossAKeyByExchangeMatchABruteForceCount(String backend) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    env.getConfiguration().setString("state.backend.type", backend);
    CollectSink<Tuple3<Long, Long, Long>> sink = new CollectSink<>();
    env.fromSource(new NumberSequenceSource(0, 9_999),
            WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(100)).withTimestampAssigner((x, ts) -> x / 10),
            "numbers", Types.LONG)
        .map(x -> Tuple3.of(x % 7, x / 10 / 100 * 100, 1L))
        .returns(Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
        .keyBy(t -> t.f0, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .sum(2)
        .addSink(sink);
    env.execute("tumbling");
    Map<String, Long> expected = new TreeMap<>();
    for (long x = 0; x < 10_000; x++) {
      expected.merge((x % 7) + "@" + (x / 10 / 100 * 100), 1L, Long::sum);
    }
    Map<String, Long> actual = new TreeMap<>();
    for (Tuple3<Long, Long, Long> t : sink.values()) {
      assertThat(actual.put(t.f0 + "@" + t.f1, t.f2)).as("window %s@%s emitted twice", t.f0, t.f1).isNull();
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void outOfOrderElementsWithinTheBoundCountAndLaterOnesGoToTheSideOutput() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    OutputTag<Tuple2<String, Long>> late = new OutputTag<>("late", Types.TUPLE(Types.STRING, Types.LONG));
    CollectSink<Tuple2<String, Long>> sums = new CollectSink<>();
    CollectSink<Tuple2<String, Long>> lateSink = new CollectSink<>();
    SingleOutputStreamOperator<Tuple2<String, Long>> windowed = env
        .fromElements(Tuple2.of("a", 1L), Tuple2.of("a", 12L), Tuple2.of("a", 8L), Tuple2.of("a", 25L),
            Tuple2.of("a", 9L), Tuple2.of("a", 19L), Tuple2.of("a", 31L))
        .assignTimestampsAndWatermarks(WindowJobTest.<Tuple2<String, Long>>punctuated(5)
            .withTimestampAssigner((t, ts) -> t.f1))
        .keyBy(t -> t.f0)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .sideOutputLateData(late)
        .sum(1);
    windowed.addSink(sums);
    windowed.getSideOutput(late).addSink(lateSink);
    env.execute("late data");
    assertThat(sums.values()).containsExactly(Tuple2.of("a", 9L), Tuple2.of("a", 12L), Tuple2.of("a", 25L),
        Tuple2.of("a", 31L));
    assertThat(lateSink.values()).containsExactly(Tuple2.of("a", 9L), Tuple2.of("a", 19L));
  }

  @Test
  void windowJoinEmitsEveryPairWithTheSameKeyInTheSameWindow() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<String> sink = new CollectSink<>();
    DataStream<Long> left = env.fromSource(new NumberSequenceSource(0, 99),
        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x), "left", Types.LONG)
        .setParallelism(1);
    DataStream<Long> right = env.fromSource(new NumberSequenceSource(0, 49),
        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x * 2), "right", Types.LONG)
        .setParallelism(1);
    left.join(right).where(x -> x % 3, Types.LONG).equalTo(y -> (y * 2) % 3)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(20)))
        .apply((x, y) -> x + "-" + y, Types.STRING)
        .addSink(sink);
    env.execute("join");
    List<String> expected = new ArrayList<>();
    for (long x = 0; x < 100; x++) {
      for (long y = 0; y < 50; y++) {
        if (x % 3 == (y * 2) % 3 && x / 20 == (y * 2) / 20) {
          expected.add(x + "-" + y);
        }
      }
    }
    assertThat(expected).hasSizeGreaterThan(300);
    assertThat(sink.values()).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Counts each side per key and window: an outer view that also reports windows with one empty side. */
  static final class CountSides implements CoGroupFunction<Tuple2<String, Long>, Tuple2<String, Long>, String> {
    @Override
    public void coGroup(Iterable<Tuple2<String, Long>> first, Iterable<Tuple2<String, Long>> second,
        Collector<String> out) {
      String key = null;
      int a = 0;
      int b = 0;
      for (Tuple2<String, Long> t : first) {
        key = t.f0;
        a++;
      }
      for (Tuple2<String, Long> t : second) {
        key = t.f0;
        b++;
      }
      out.collect(key + ":" + a + "/" + b);
    }
  }

  @Test
  void coGroupSeesBothSidesOfAKeyEvenWhenOneIsEmpty() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<String> sink = new CollectSink<>();
    WatermarkStrategy<Tuple2<String, Long>> ts = WatermarkStrategy.<Tuple2<String, Long>>forMonotonousTimestamps()
        .withTimestampAssigner((t, r) -> t.f1);
    DataStream<Tuple2<String, Long>> orders = env.fromElements(Tuple2.of("o1", 1L), Tuple2.of("o2", 2L),
        Tuple2.of("o1", 3L)).assignTimestampsAndWatermarks(ts);
    DataStream<Tuple2<String, Long>> payments = env.fromElements(Tuple2.of("o1", 4L), Tuple2.of("o3", 5L))
        .assignTimestampsAndWatermarks(ts);
    orders.coGroup(payments).where(t -> t.f0).equalTo(t -> t.f0)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .apply(new CountSides(), Types.STRING)
        .addSink(sink);
    env.execute("co-group");
    assertThat(sink.values()).containsExactlyInAnyOrder("o1:2/1", "o2:1/0", "o3:0/1");
  }

  /** Sums a window and reports its bounds. */
  static final class SumAll extends ProcessAllWindowFunction<Long, String, TimeWindow> {
    @Override
    public void process(Context context, Iterable<Long> elements, Collector<String> out) {
      long sum = 0;
      for (Long x : elements) {
        sum += x;
      }
      out.collect(context.window().start() + ":" + sum);
    }
  }

  @Test
  void windowAllSeesTheWholeStreamInOneSubtask() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(new NumberSequenceSource(0, 299),
            WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(5)).withTimestampAssigner((x, ts) -> x),
            "numbers", Types.LONG)
        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .process(new SumAll(), Types.STRING)
        .addSink(sink);
    env.execute("windowAll");
    assertThat(sink.values()).containsExactlyInAnyOrder("0:4950", "100:14950", "200:24950");
  }

  @Test
  void countWindowsAllOverTheStream() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(1, 10).countWindowAll(4).reduce(Long::sum).addSink(sink);
    env.execute("count windows");
    assertThat(sink.values()).containsExactly(10L, 26L);
  }
}
