package io.nagare.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.Watermark;
import io.nagare.api.eventtime.WatermarkGenerator;
import io.nagare.api.eventtime.WatermarkOutput;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.testing.CollectSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Event time end to end: timestamps from sources and from assignTimestampsAndWatermarks,
 * watermarks crossing a keyBy exchange, event-time timers firing when the watermark passes them,
 * and the final watermark at the end of a bounded input. Punctuated generators (a watermark per
 * element) make the watermark sequence, and so the output, deterministic.
 */
class EventTimeTest {

  /** Emits the element's timestamp as a watermark after every element. */
  static final class EveryElement<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
      output.emitWatermark(new Watermark(eventTimestamp));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /** Registers a timer 15 ms after each element; reports which watermark fired it. */
  static final class FireLater extends KeyedProcessFunction<Long, Long, String> {
    @Override
    public void processElement(Long value, Context ctx, Collector<String> out) {
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 15);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      long wm = ctx.timerService().currentWatermark();
      out.collect(ctx.getCurrentKey() + ":" + timestamp + "@" + (wm == Long.MAX_VALUE ? "end" : String.valueOf(wm)));
    }
  }

  @Test
  void sourceWatermarksFireEventTimeTimersAcrossAKeyByExchange() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(new NumberSequenceSource(1, 20),
            WatermarkStrategy.<Long>forGenerator(ctx -> new EveryElement<>()).withTimestampAssigner((x, ts) -> x * 10),
            "numbers", Types.LONG)
        .setParallelism(1)
        .keyBy(x -> x % 3, Types.LONG)
        .process(new FireLater(), Types.STRING)
        .addSink(sink);
    env.execute("event-time timers");
    List<String> expected = new ArrayList<>();
    for (long x = 1; x <= 20; x++) {
      long timer = x * 10 + 15;
      expected.add((x % 3) + ":" + timer + "@" + (x + 2 <= 20 ? String.valueOf((x + 2) * 10) : "end"));
    }
    assertThat(sink.values()).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Echoes each element with its timestamp; reports timers 100 ms later with the watermark that fired them. */
  static final class EchoAndFire extends KeyedProcessFunction<String, Tuple2<String, Long>, String> {
    @Override
    public void processElement(Tuple2<String, Long> value, Context ctx, Collector<String> out) {
      out.collect(value.f0 + "@" + ctx.timestamp());
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 100);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      out.collect(ctx.getCurrentKey() + " fired " + timestamp + " at " + ctx.timerService().currentWatermark());
    }
  }

  @Test
  void assignTimestampsAndWatermarksStampsElementsAndEndsWithTheFinalWatermark() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    CollectSink<String> sink = new CollectSink<>();
    env.fromElements(Tuple2.of("a", 5L), Tuple2.of("b", 3L), Tuple2.of("c", 40L))
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<String, Long>>forBoundedOutOfOrderness(
            java.time.Duration.ofMillis(10)).withTimestampAssigner((t, ts) -> t.f1))
        .keyBy(t -> t.f0)
        .process(new EchoAndFire(), Types.STRING)
        .addSink(sink);
    env.execute("assign");
    assertThat(sink.values()).containsExactly("a@5", "b@3", "c@40",
        "b fired 103 at " + Long.MAX_VALUE, "a fired 105 at " + Long.MAX_VALUE, "c fired 140 at " + Long.MAX_VALUE);
  }
}
