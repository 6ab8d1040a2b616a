package io.nagare.runtime.operators.windowing;

import static io.nagare.testing.OneInputOperatorTestHarness.Emitted.record;
import static io.nagare.testing.OneInputOperatorTestHarness.Emitted.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.EventTimeSessionWindows;
import io.nagare.api.windowing.assigners.SlidingEventTimeWindows;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.api.windowing.assigners.TumblingProcessingTimeWindows;
import io.nagare.api.windowing.windows.TimeWindow;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time windows on the operator harness: exact outputs, lateness, sessions, state cleanup. */
class TimeWindowOperatorTest {

  private static Tuple2<String, Long> e(String key, long value) {
    return Tuple2.of(key, value);
  }

  /** Emits "key [start,end) n=count sum=sum firing=k" with a per-window firing counter. */
  static final class Describe extends ProcessWindowFunction<Tuple2<String, Long>, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Tuple2<String, Long>> elements, Collector<String> out)
        throws Exception {
      long n = 0;
      long sum = 0;
      for (Tuple2<String, Long> t : elements) {
        n++;
        sum += t.f1;
      }
      ValueState<Integer> firings = ctx.windowState().getState(new ValueStateDescriptor<>("firings", Types.INT));
      int k = firings.value() == null ? 1 : firings.value() + 1;
      firings.update(k);
      out.collect(key + " [" + ctx.window().start() + "," + ctx.window().end() + ") n=" + n + " sum=" + sum
          + " firing=" + k);
    }

    @Override
    public void clear(Context ctx) throws Exception {
      ctx.windowState().getState(new ValueStateDescriptor<>("firings", Types.INT)).clear();
    }
  }

  @Test
  void aRecordAtExactlyTheWindowEndBelongsToTheNextWindow() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>> h = WindowHarness.of(
        k -> k.window(TumblingEventTimeWindows.of(Duration.ofMillis(10))).sum(1));
    h.processElement(e("a", 1), 0);
    h.processElement(e("a", 2), 9);
    h.processElement(e("a", 4), 10);
    h.processElement(e("b", 8), 5);
    h.processWatermark(9);
    h.processWatermark(19);
    assertThat(h.getOutput()).containsExactly(record(e("a", 3), 9), record(e("b", 8), 9), watermark(9),
        record(e("a", 4), 19), watermark(19));
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void windowContentsAndTimersSurviveSnapshotAndRestore() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> before = WindowHarness.of(
        k -> k.window(EventTimeSessionWindows.withGap(Duration.ofMillis(5))).process(new Describe()));
    before.processElement(e("a", 1), 1);
    before.processElement(e("a", 2), 10);
    byte[] snapshot = before.snapshot(7);

    OneInputOperatorTestHarness<Tuple2<String, Long>, String> after = WindowHarness.unopened(
        k -> k.window(EventTimeSessionWindows.withGap(Duration.ofMillis(5))).process(new Describe()));
    after.restore(snapshot).open();
    after.processElement(e("a", 4), 5);
    after.processWatermark(14);
    assertThat(after.extractOutputValues()).containsExactly("a [1,15) n=3 sum=7 firing=1");
    assertThat(after.numKeyedStateEntries()).isZero();
    assertThat(after.numEventTimeTimers()).isZero();
  }

  @Test
  void negativeTimestampsAndOffsetsAlignWindowsAsInFlink() {
    assertThat(TimeWindow.getWindowStartWithOffset(-1, 0, 10)).isEqualTo(-10);
    assertThat(TimeWindow.getWindowStartWithOffset(-10, 0, 10)).isEqualTo(-10);
    assertThat(TimeWindow.getWindowStartWithOffset(17, 3, 10)).isEqualTo(13);
    assertThat(TimeWindow.getWindowStartWithOffset(12, 3, 10)).isEqualTo(3);
    assertThat(TumblingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(3))
        .assignWindows(null, 12, null)).containsExactly(new TimeWindow(3, 13));
  }

  @Test
  void lateElementsWithinTheLatenessRefireAndLaterOnesGoToTheSideOutput() throws Exception {
    OutputTag<Tuple2<String, Long>> late = new OutputTag<>("late", WindowHarness.TYPE);
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(TumblingEventTimeWindows.of(Duration.ofMillis(10))).allowedLateness(Duration.ofMillis(5))
            .sideOutputLateData(late).process(new Describe()), late);
    h.processElement(e("a", 1), 3);
    h.processWatermark(10);
    h.processElement(e("a", 2), 5);
    h.processElement(e("a", 4), 12);
    h.processWatermark(14);
    h.processElement(e("a", 8), 7);
    h.processElement(e("a", 16), 9);
    assertThat(h.extractOutputValues()).containsExactly("a [0,10) n=1 sum=1 firing=1", "a [0,10) n=2 sum=3 firing=2");
    assertThat(h.getSideOutput(late)).containsExactly(e("a", 8), e("a", 16));
    h.processWatermark(23);
    assertThat(h.extractOutputValues()).endsWith("a [10,20) n=1 sum=4 firing=1");
    assertThat(h.numKeyedStateEntries()).isEqualTo(2);
    h.processWatermark(24);
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void tooLateElementsWithoutASideOutputAreDroppedAndCounted() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>> h = WindowHarness.of(
        k -> k.window(TumblingEventTimeWindows.of(Duration.ofMillis(10))).sum(1));
    h.processWatermark(30);
    h.processElement(e("a", 1), 5);
    h.processElement(e("a", 1), 29);
    h.processElement(e("a", 1), 30);
    assertThat(h.extractOutputValues()).isEmpty();
    assertThat(h.getOperator().getContext().metricGroup().counter("numLateRecordsDropped").getCount()).isEqualTo(2);
    assertThat(h.numKeyedStateEntries()).isEqualTo(1);
  }

  @Test
  void slidingWindowsWithASizeThatIsNotAMultipleOfTheSlide() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(3))).process(new Describe()));
    long[] times = {0, 1, 5, 11, 12, 20};
    for (long t : times) {
      h.processElement(e("a", t), t);
    }
    h.processWatermark(Long.MAX_VALUE);
    List<String> expected = new ArrayList<>();
    for (long start = -9; start <= 20; start += 3) {
      long n = 0;
      long sum = 0;
      for (long t : times) {
        if (t >= start && t < start + 10) {
          n++;
          sum += t;
        }
      }
      if (n > 0) {
        expected.add("a [" + start + "," + (start + 10) + ") n=" + n + " sum=" + sum + " firing=1");
      }
    }
    assertThat(h.extractOutputValues()).containsExactlyElementsOf(expected);
  }

  @Test
  void sessionsMergeWhenABridgingElementArrives() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(EventTimeSessionWindows.withGap(Duration.ofMillis(5))).process(new Describe()));
    h.processElement(e("a", 1), 1);
    h.processElement(e("a", 10), 10);
    h.processElement(e("b", 2), 2);
    assertThat(h.numEventTimeTimers()).isEqualTo(3);
    h.processElement(e("a", 100), 5);
    h.processWatermark(14);
    assertThat(h.extractOutputValues()).containsExactlyInAnyOrder("b [2,7) n=1 sum=2 firing=1",
        "a [1,15) n=3 sum=111 firing=1");
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void aLateElementWithinTheLatenessCanMergeSessionsAndRefires() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(EventTimeSessionWindows.withGap(Duration.ofMillis(5))).allowedLateness(Duration.ofMillis(20))
            .process(new Describe()));
    h.processElement(e("a", 1), 1);
    h.processElement(e("a", 2), 10);
    h.processWatermark(15);
    assertThat(h.extractOutputValues()).containsExactly("a [1,6) n=1 sum=1 firing=1", "a [10,15) n=1 sum=2 firing=1");
    h.processElement(e("a", 4), 6);
    assertThat(h.extractOutputValues()).hasSize(3).last().isEqualTo("a [1,15) n=3 sum=7 firing=1");
    h.processWatermark(40);
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void dynamicSessionGapsComeFromTheElements() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(EventTimeSessionWindows.<Tuple2<String, Long>>withDynamicGap(t -> t.f1)).process(new Describe()));
    h.processElement(e("a", 3), 0);
    h.processElement(e("a", 10), 5);
    h.processElement(e("a", 1), 2);
    h.processWatermark(Long.MAX_VALUE);
    assertThat(h.extractOutputValues()).containsExactly("a [0,3) n=2 sum=4 firing=1", "a [5,15) n=1 sum=10 firing=1");
  }

  /** Sums longs; its accumulator is one Long. */
  static final class Sum implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Tuple2<String, Long> value, Long acc) {
      return acc + value.f1;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  @Test
  void reduceAndAggregateKeepOneValuePerKeyAndWindow() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, Long> agg = WindowHarness.of(
        k -> k.window(SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5))).aggregate(new Sum()));
    OneInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>> red = WindowHarness.of(
        k -> k.window(SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5))).reduce(
            (x, y) -> Tuple2.of(x.f0, x.f1 + y.f1)));
    for (int i = 0; i < 100; i++) {
      agg.processElement(e(i % 2 == 0 ? "a" : "b", i), 7);
      red.processElement(e(i % 2 == 0 ? "a" : "b", i), 7);
    }
    assertThat(agg.numKeyedStateEntries()).isEqualTo(4);
    assertThat(red.numKeyedStateEntries()).isEqualTo(4);
    agg.processWatermark(9);
    assertThat(agg.extractOutputValues()).containsExactlyInAnyOrder(2450L, 2500L);
    red.processWatermark(14);
    assertThat(red.extractOutputValues()).containsExactlyInAnyOrder(e("a", 2450), e("b", 2500), e("a", 2450),
        e("b", 2500));
  }

  @Test
  void processingTimeWindowsFireOnTheClock() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>> h = WindowHarness.of(
        k -> k.window(TumblingProcessingTimeWindows.of(Duration.ofMillis(100))).sum(1));
    h.setProcessingTime(50);
    h.processElement(e("a", 1));
    h.processElement(e("a", 2));
    h.setProcessingTime(98);
    assertThat(h.extractOutputValues()).isEmpty();
    h.setProcessingTime(99);
    assertThat(h.extractOutputValues()).containsExactly(e("a", 3));
    h.setProcessingTime(120);
    h.processElement(e("a", 5));
    assertThat(h.getOutput()).containsExactly(record(e("a", 3), 99));
    h.setProcessingTime(250);
    assertThat(h.extractOutputValues()).containsExactly(e("a", 3), e("a", 5));
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numProcessingTimeTimers()).isZero();
  }

  @Test
  void stateStaysBoundedOverALongRunWithLateness() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, Long> h = WindowHarness.of(
        k -> k.window(SlidingEventTimeWindows.of(Duration.ofMillis(100), Duration.ofMillis(10)))
            .allowedLateness(Duration.ofMillis(50)).aggregate(new Sum()));
    int maxEntries = 0;
    for (long t = 0; t < 100_000; t += 7) {
      h.processElement(e("k" + (t % 13), 1), t);
      if (t % 70 == 0) {
        h.processWatermark(t - 20);
        maxEntries = Math.max(maxEntries, h.numKeyedStateEntries());
      }
    }
    assertThat(maxEntries).isLessThan(13 * 20);
    h.processWatermark(Long.MAX_VALUE);
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    long total = 0;
    for (Long v : h.extractOutputValues()) {
      total += v;
    }
    assertThat(total).isGreaterThanOrEqualTo(10 * (100_000 / 7));
  }
}
