package io.nagare.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.TimeDomain;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Processing-time timers and keyed state of a KeyedProcessFunction, driven by a manual clock. */
class KeyedProcessOperatorTest {

  private static final OutputTag<String> EVENTS = new OutputTag<>("events", Types.STRING);

  /**
   * Session-style counting: each element adds to its key's count and (re)arms a timeout 10 ms after
   * it; when the timeout fires the count is emitted and the state cleared. An element with value
   * 0 cancels its key's timeout.
   */
  static final class TimeoutCounter extends KeyedProcessFunction<String, Tuple2<String, Integer>, String> {
    private transient ValueState<Long> count;
    private transient ValueState<Long> deadline;

    @Override
    public void open(OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
      deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("deadline", Types.LONG));
    }

    @Override
    public void processElement(Tuple2<String, Integer> value, Context ctx, Collector<String> out) throws Exception {
      Long previous = deadline.value();
      if (previous != null) {
        ctx.timerService().deleteProcessingTimeTimer(previous);
      }
      if (value.f1 == 0) {
        deadline.clear();
        ctx.output(EVENTS, ctx.getCurrentKey() + " cancelled");
        return;
      }
      Long c = count.value();
      count.update((c == null ? 0 : c) + value.f1);
      long next = ctx.timerService().currentProcessingTime() + 10;
      ctx.timerService().registerProcessingTimeTimer(next);
      ctx.timerService().registerProcessingTimeTimer(next);
      deadline.update(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      out.collect(ctx.getCurrentKey() + "=" + count.value() + "@" + timestamp + "/" + ctx.timeDomain());
      count.clear();
      deadline.clear();
    }
  }

  private static OneInputOperatorTestHarness<Tuple2<String, Integer>, String> harness() {
    return OneInputOperatorTestHarness.forKeyedProcess(new TimeoutCounter(), t -> t.f0, Types.STRING,
        Types.TUPLE(Types.STRING, Types.INT));
  }

  @Test
  void timersFireOncePerKeyAndTimestampInTimeOrderWithTheirKeysState() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Integer>, String> h = harness().withSideOutput(EVENTS);
    h.open();
    h.setProcessingTime(100);
    h.processElement(Tuple2.of("a", 1));
    h.setProcessingTime(103);
    h.processElement(Tuple2.of("b", 5));
    h.processElement(Tuple2.of("a", 2));
    assertThat(h.numProcessingTimeTimers()).isEqualTo(2);
    assertThat(h.numKeyedStateEntries()).isEqualTo(4);

    h.setProcessingTime(112);
    assertThat(h.extractOutputValues()).isEmpty();
    h.setProcessingTime(113);
    assertThat(h.extractOutputValues()).containsExactly("b=5@113/PROCESSING_TIME", "a=3@113/PROCESSING_TIME");
    assertThat(h.numProcessingTimeTimers()).isZero();
    assertThat(h.numKeyedStateEntries()).isZero();
    h.close();
  }

  @Test
  void deletedTimersDoNotFire() throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Integer>, String> h = harness().withSideOutput(EVENTS);
    h.open();
    h.setProcessingTime(0);
    h.processElement(Tuple2.of("a", 4));
    h.processElement(Tuple2.of("b", 1));
    h.setProcessingTime(5);
    h.processElement(Tuple2.of("a", 0));
    h.setProcessingTime(1000);
    assertThat(h.extractOutputValues()).containsExactly("b=1@10/PROCESSING_TIME");
    assertThat(h.getSideOutput(EVENTS)).isEqualTo(List.of("a cancelled"));
    assertThat(h.numProcessingTimeTimers()).isZero();
    h.close();
  }
}
