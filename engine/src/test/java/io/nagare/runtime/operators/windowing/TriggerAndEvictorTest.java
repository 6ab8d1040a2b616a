package io.nagare.runtime.operators.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.functions.Collector;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.windowing.assigners.EventTimeSessionWindows;
import io.nagare.api.windowing.assigners.GlobalWindows;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.api.windowing.assigners.TumblingProcessingTimeWindows;
import io.nagare.api.windowing.evictors.CountEvictor;
import io.nagare.api.windowing.evictors.TimeEvictor;
import io.nagare.api.windowing.triggers.ContinuousEventTimeTrigger;
import io.nagare.api.windowing.triggers.ContinuousProcessingTimeTrigger;
import io.nagare.api.windowing.triggers.CountTrigger;
import io.nagare.api.windowing.triggers.PurgingTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.triggers.TriggerResult;
import io.nagare.api.windowing.windows.GlobalWindow;
import io.nagare.api.windowing.windows.TimeWindow;
import io.nagare.api.windowing.windows.Window;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Triggers (built-in and user-written), count windows and evictors on the operator harness. */
class TriggerAndEvictorTest {

  private static Tuple2<String, Long> e(String key, long value) {
    return Tuple2.of(key, value);
  }

  /** "n=count sum=sum values=[...]" for any window. */
  static final class Summary<W extends Window> extends ProcessWindowFunction<Tuple2<String, Long>, String, String, W> {
    @Override
    public void process(String key, Context ctx, Iterable<Tuple2<String, Long>> elements, Collector<String> out) {
      StringBuilder values = new StringBuilder();
      long sum = 0;
      int n = 0;
      for (Tuple2<String, Long> t : elements) {
        values.append(n++ == 0 ? "" : ",").append(t.f1);
        sum += t.f1;
      }
      out.collect(key + " n=" + n + " sum=" + sum + " values=[" + values + "]");
    }
  }

  @Test
  void continuousEventTimeTriggerFiresPeriodicallyOncePerAdvanceAndOnceAtTheEnd() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
            .trigger(ContinuousEventTimeTrigger.of(Duration.ofMillis(10))).process(new Summary<>()));
    h.processElement(e("a", 1), 5);
    h.processElement(e("a", 2), 15);
    assertThat(h.numEventTimeTimers()).isEqualTo(2);
    h.processWatermark(10);
    assertThat(h.extractOutputValues()).containsExactly("a n=2 sum=3 values=[1,2]");
    h.processWatermark(15);
    assertThat(h.extractOutputValues()).hasSize(1);
    h.processWatermark(20);
    assertThat(h.extractOutputValues()).hasSize(2);
    h.processElement(e("a", 4), 21);
    h.processWatermark(95);
    assertThat(h.extractOutputValues()).hasSize(3).last().isEqualTo("a n=3 sum=7 values=[1,2,4]");
    assertThat(h.numEventTimeTimers()).isEqualTo(1);
    h.processWatermark(99);
    assertThat(h.extractOutputValues()).hasSize(4);
    assertThat(h.numEventTimeTimers()).isZero();
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @Test
  void continuousProcessingTimeTriggerOnReplayedOldDataFiresEveryIntervalWithoutLooping() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
            .trigger(ContinuousProcessingTimeTrigger.of(Duration.ofMillis(1000))).process(new Summary<>()));
    h.setProcessingTime(1_000_000);
    h.processElement(e("a", 1), 5);
    h.processElement(e("a", 2), 7);
    assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
    h.setProcessingTime(1_000_999);
    assertThat(h.extractOutputValues()).isEmpty();
    h.setProcessingTime(1_001_000);
    assertThat(h.extractOutputValues()).containsExactly("a n=2 sum=3 values=[1,2]");
    assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
    h.setProcessingTime(1_005_500);
    assertThat(h.extractOutputValues()).hasSize(2);
    assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
    h.processWatermark(99);
    assertThat(h.extractOutputValues()).hasSize(3);
    assertThat(h.numProcessingTimeTimers()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @Test
  void continuousProcessingTimeTriggerOnProcessingTimeWindowsFiresOnceAtTheEnd() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(TumblingProcessingTimeWindows.of(Duration.ofMillis(100)))
            .trigger(ContinuousProcessingTimeTrigger.of(Duration.ofMillis(30))).process(new Summary<>()));
    h.setProcessingTime(10);
    h.processElement(e("a", 1));
    h.setProcessingTime(30);
    h.setProcessingTime(60);
    h.processElement(e("a", 2));
    h.setProcessingTime(90);
    h.setProcessingTime(99);
    assertThat(h.extractOutputValues()).containsExactly("a n=1 sum=1 values=[1]", "a n=1 sum=1 values=[1]",
        "a n=2 sum=3 values=[1,2]", "a n=2 sum=3 values=[1,2]");
    h.setProcessingTime(500);
    assertThat(h.extractOutputValues()).hasSize(4);
    assertThat(h.numProcessingTimeTimers()).isZero();
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @Test
  void continuousTriggersMergeKeepingTheEarliestPendingFiring() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(EventTimeSessionWindows.withGap(Duration.ofMillis(50)))
            .trigger(ContinuousEventTimeTrigger.of(Duration.ofMillis(20))).process(new Summary<>()));
    h.processElement(e("a", 1), 5);
    h.processElement(e("a", 2), 70);
    h.processElement(e("a", 3), 50);
    h.processWatermark(20);
    assertThat(h.extractOutputValues()).containsExactly("a n=3 sum=6 values=[1,2,3]");
    h.processWatermark(119);
    assertThat(h.extractOutputValues()).hasSize(3).last().isEqualTo("a n=3 sum=6 values=[1,2,3]");
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void countWindowsTumbleAndSlide() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> tumbling = WindowHarness.of(
        k -> k.countWindow(3).process(new Summary<GlobalWindow>()));
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> sliding = WindowHarness.of(
        k -> k.countWindow(3, 2).process(new Summary<GlobalWindow>()));
    for (long i = 1; i <= 7; i++) {
      tumbling.processElement(e("a", i));
      sliding.processElement(e("a", i));
    }
    assertThat(tumbling.extractOutputValues()).containsExactly("a n=3 sum=6 values=[1,2,3]",
        "a n=3 sum=15 values=[4,5,6]");
    assertThat(sliding.extractOutputValues()).containsExactly("a n=2 sum=3 values=[1,2]",
        "a n=3 sum=9 values=[2,3,4]", "a n=3 sum=15 values=[4,5,6]");
  }

  @Test
  void globalWindowsFireAtTheEndOfABoundedInput() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).process(new Summary<>()));
    h.processElement(e("a", 1));
    h.processElement(e("b", 2));
    h.processWatermark(1_000_000);
    assertThat(h.extractOutputValues()).isEmpty();
    h.processWatermark(Long.MAX_VALUE);
    assertThat(h.extractOutputValues()).containsExactlyInAnyOrder("a n=1 sum=1 values=[1]", "b n=1 sum=2 values=[2]");
  }

  @Test
  void purgingTriggerDropsTheContentsAfterEachFiring() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> keep = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).trigger(CountTrigger.of(2)).process(new Summary<>()));
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> purge = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.<GlobalWindow>of(2)))
            .process(new Summary<>()));
    for (long i = 1; i <= 4; i++) {
      keep.processElement(e("a", i));
      purge.processElement(e("a", i));
    }
    assertThat(keep.extractOutputValues()).containsExactly("a n=2 sum=3 values=[1,2]", "a n=4 sum=10 values=[1,2,3,4]");
    assertThat(purge.extractOutputValues()).containsExactly("a n=2 sum=3 values=[1,2]", "a n=2 sum=7 values=[3,4]");
  }

  @Test
  void evictorsRemoveElementsBeforeOrAfterTheFunction() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> before = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).trigger(CountTrigger.of(2)).evictor(CountEvictor.of(3))
            .process(new Summary<>()));
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> after = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).trigger(CountTrigger.of(2)).evictor(CountEvictor.of(1, true))
            .process(new Summary<>()));
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> time = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).trigger(CountTrigger.of(4)).evictor(TimeEvictor.of(Duration.ofMillis(10)))
            .process(new Summary<>()));
    long[] ts = {100, 105, 111, 115};
    for (int i = 0; i < 4; i++) {
      before.processElement(e("a", i + 1), ts[i]);
      after.processElement(e("a", i + 1), ts[i]);
      time.processElement(e("a", i + 1), ts[i]);
    }
    assertThat(before.extractOutputValues()).containsExactly("a n=2 sum=3 values=[1,2]", "a n=3 sum=9 values=[2,3,4]");
    assertThat(after.extractOutputValues()).containsExactly("a n=2 sum=3 values=[1,2]", "a n=3 sum=9 values=[2,3,4]");
    assertThat(time.extractOutputValues()).containsExactly("a n=2 sum=7 values=[3,4]");
  }

  @Test
  void reduceWithAnEvictorReducesWhatIsLeft() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>> h = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).trigger(CountTrigger.of(3)).evictor(CountEvictor.of(2)).sum(1));
    for (long i = 1; i <= 6; i++) {
      h.processElement(e("a", i));
    }
    assertThat(h.extractOutputValues()).containsExactly(e("a", 5), e("a", 11));
  }

  /** Fires on every element whose value is a multiple of 3, and purges on value 0: a user-written trigger. */
  static final class EveryThird extends Trigger<Tuple2<String, Long>, Window> {
    @Override
    public TriggerResult onElement(Tuple2<String, Long> element, long timestamp, Window window, TriggerContext ctx) {
      if (element.f1 == 0) {
        return TriggerResult.PURGE;
      }
      return element.f1 % 3 == 0 ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(Window window, TriggerContext ctx) {}
  }

  @Test
  void userWrittenTriggersDecideFireAndPurge() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, String> h = WindowHarness.of(
        k -> k.window(GlobalWindows.create()).trigger(new EveryThird()).process(new Summary<>()));
    for (long v : new long[] {1, 3, 4, 0, 5, 6}) {
      h.processElement(e("a", v));
    }
    assertThat(h.extractOutputValues()).containsExactly("a n=2 sum=4 values=[1,3]", "a n=2 sum=11 values=[5,6]");
  }

  @Test
  void nonMergingTriggersAreRefusedForSessions() {
    assertThatThrownBy(() -> WindowHarness.of(k -> k.window(EventTimeSessionWindows.withGap(Duration.ofMillis(5)))
        .trigger(new EveryThird()).process(new Summary<TimeWindow>())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Trigger ")
        .hasMessageEndingWith("does not support merging");
  }
}
