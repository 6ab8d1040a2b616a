package io.nagare.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.datastream.DataStream;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.BroadcastProcessFunction;
import io.nagare.api.functions.CoMapFunction;
import io.nagare.api.functions.CoProcessFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedBroadcastProcessFunction;
import io.nagare.api.functions.KeyedCoProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.ProcessJoinFunction;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.testing.CollectSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two-input operators in running jobs: connected streams, keyed co-processing, broadcast state, interval joins. */
class TwoInputJobTest {

  static final class Describe implements CoMapFunction<Long, String, String> {
    @Override
    public String map1(Long value) {
      return "n" + value;
    }

    @Override
    public String map2(String value) {
      return "s" + value;
    }
  }

  @Test
  void coMapSeesEveryElementOfBothInputs() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<String> sink = new CollectSink<>();
    env.fromSequence(1, 3).connect(env.fromElements("x", "y")).map(new Describe()).addSink(sink);
    env.execute("co-map");
    assertThat(sink.values()).containsExactlyInAnyOrder("n1", "n2", "n3", "sx", "sy");
  }

  /** Per key: the sum of input 1's values and the count of input 2's, emitted at the end of input. */
  static final class SumAndCount extends KeyedCoProcessFunction<Long, Long, Tuple2<Long, String>, String> {
    private transient ValueState<Long> sum;
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext context) {
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement1(Long value, Context ctx, Collector<String> out) throws Exception {
      sum.update((sum.value() == null ? 0 : sum.value()) + value);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processElement2(Tuple2<Long, String> value, Context ctx, Collector<String> out) throws Exception {
      count.update((count.value() == null ? 0 : count.value()) + 1);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      out.collect(ctx.getCurrentKey() + ": sum=" + sum.value() + " count=" + count.value());
    }
  }

  @Test
  void keyedConnectedStreamsShareStateAndTimersPerKey() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    CollectSink<String> sink = new CollectSink<>();
    DataStream<Long> numbers = env.fromSequence(1, 30);
    DataStream<Tuple2<Long, String>> tags = env.fromElements(Tuple2.of(0L, "a"), Tuple2.of(1L, "b"),
        Tuple2.of(1L, "c"), Tuple2.of(5L, "d"));
    numbers.connect(tags).keyBy(x -> x % 5, t -> t.f0, Types.LONG).process(new SumAndCount(), Types.STRING)
        .addSink(sink);
    env.execute("keyed co-process");
    List<String> expected = new ArrayList<>();
    for (long k = 0; k < 5; k++) {
      long sum = 0;
      for (long x = 1; x <= 30; x++) {
        if (x % 5 == k) {
          sum += x;
        }
      }
      long count = k == 0 ? 1 : k == 1 ? 2 : 0;
      expected.add(k + ": sum=" + sum + " count=" + (count == 0 ? null : count));
    }
    expected.add("5: sum=null count=1");
    assertThat(sink.values()).containsExactlyInAnyOrderElementsOf(expected);
  }

  static final class Timers extends CoProcessFunction<Long, Long, Long> {
    @Override
    public void processElement1(Long value, Context ctx, Collector<Long> out) {
      ctx.timerService().registerEventTimeTimer(5);
    }

    @Override
    public void processElement2(Long value, Context ctx, Collector<Long> out) {}
  }

  @Test
  void timersOnNonKeyedConnectedStreamsFailWithAHint() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 2).connect(env.fromSequence(1, 2)).process(new Timers(), Types.LONG)
        .addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("timers"))
        .isInstanceOf(JobExecutionException.class)
        .cause()
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("Setting timers is only supported on keyed streams: key both connected streams"
            + " (connect(...).keyBy(...)) and use a KeyedCoProcessFunction in 'Co-Process'");
  }

  private static final MapStateDescriptor<String, Long> RATES =
      new MapStateDescriptor<>("rates", Types.STRING, Types.LONG);

  /** Converts "currency:amount" with the broadcast rates once all rates have arrived (buffered until the end). */
  static final class Convert extends KeyedBroadcastProcessFunction<String, String, Tuple2<String, Long>, String> {
    private transient ValueState<Long> total;

    @Override
    public void open(OpenContext context) {
      total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", Types.LONG));
    }

    @Override
    public void processElement(String value, ReadOnlyContext ctx, Collector<String> out) throws Exception {
      long amount = Long.parseLong(value.substring(value.indexOf(':') + 1));
      total.update((total.value() == null ? 0 : total.value()) + amount);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processBroadcastElement(Tuple2<String, Long> rate, Context ctx, Collector<String> out) throws Exception {
      ctx.getBroadcastState(RATES).put(rate.f0, rate.f1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      Long rate = ctx.getBroadcastState(RATES).get(ctx.getCurrentKey());
      out.collect(ctx.getCurrentKey() + "=" + total.value() * rate);
    }
  }

  @Test
  void keyedBroadcastStateReachesEveryParallelInstance() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    CollectSink<String> sink = new CollectSink<>();
    DataStream<Tuple2<String, Long>> rates = env.fromElements(Tuple2.of("eur", 2L), Tuple2.of("usd", 3L),
        Tuple2.of("jpy", 5L));
    env.fromElements("eur:1", "usd:10", "eur:4", "jpy:100", "usd:1")
        .keyBy(s -> s.substring(0, 3))
        .connect(rates.broadcast(RATES))
        .process(new Convert(), Types.STRING)
        .addSink(sink);
    env.execute("keyed broadcast");
    assertThat(sink.values()).containsExactlyInAnyOrder("eur=10", "usd=33", "jpy=500");
  }

  /** Counts the broadcast elements each instance saw, and rejects writes from the non-broadcast side. */
  static final class CountBroadcasts extends BroadcastProcessFunction<Long, String, String> {
    @Override
    public void processElement(Long value, ReadOnlyContext ctx, Collector<String> out) throws Exception {
      try {
        ctx.getBroadcastState(SEEN).clear();
      } catch (UnsupportedOperationException e) {
        out.collect("read-only");
      }
    }

    @Override
    public void processBroadcastElement(String value, Context ctx, Collector<String> out) throws Exception {
      ctx.getBroadcastState(SEEN).put(value, 1);
      int n = 0;
      for (var ignored : ctx.getBroadcastState(SEEN).immutableEntries()) {
        n++;
      }
      out.collect(value + ":" + n);
    }
  }

  private static final MapStateDescriptor<String, Integer> SEEN =
      new MapStateDescriptor<>("seen", Types.STRING, Types.INT);

  @Test
  void everyInstanceReceivesEveryBroadcastElement() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<String> sink = new CollectSink<>();
    DataStream<String> control = env.fromElements("p", "q");
    env.fromSequence(1, 1).connect(control.broadcast(SEEN)).process(new CountBroadcasts(), Types.STRING)
        .addSink(sink);
    env.execute("broadcast");
    List<String> values = sink.values();
    assertThat(values).filteredOn(v -> !v.equals("read-only")).containsExactlyInAnyOrder("p:1", "q:2", "p:1", "q:2");
    assertThat(values).filteredOn(v -> v.equals("read-only")).hasSize(1);
  }

  static final class JoinLabel extends ProcessJoinFunction<Long, Long, String> {
    @Override
    public void processElement(Long left, Long right, Context ctx, Collector<String> out) {
      out.collect(left + "-" + right + "@" + ctx.getTimestamp());
    }
  }

  @Test
  void intervalJoinWithExclusiveBoundsMatchesABruteForceJoin() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<String> sink = new CollectSink<>();
    DataStream<Long> left = env.fromSource(new NumberSequenceSource(1, 200),
        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x), "left", Types.LONG)
        .setParallelism(1);
    DataStream<Long> right = env.fromSource(new NumberSequenceSource(1, 200),
        WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x * 2), "right",
        Types.LONG).setParallelism(1);
    left.keyBy(x -> x % 2, Types.LONG)
        .intervalJoin(right.keyBy(x -> (x * 2) % 2, Types.LONG))
        .between(Duration.ofMillis(-3), Duration.ofMillis(4))
        .lowerBoundExclusive()
        .upperBoundExclusive()
        .process(new JoinLabel(), Types.STRING)
        .addSink(sink);
    env.execute("interval join");
    List<String> expected = new ArrayList<>();
    for (long l = 1; l <= 200; l++) {
      for (long r = 1; r <= 200; r++) {
        long rt = r * 2;
        if (l % 2 == rt % 2 && rt > l - 3 && rt < l + 4) {
          expected.add(l + "-" + r + "@" + Math.max(l, rt));
        }
      }
    }
    assertThat(expected).hasSizeGreaterThan(250);
    assertThat(sink.values()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
