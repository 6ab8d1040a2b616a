package io.nagare.api.eventtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.metrics.MetricGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkStrategyTest {

  /** Records "wm:N", "idle", "active". */
  private static final class RecordingOutput implements WatermarkOutput {
    final List<String> events = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      events.add("wm:" + watermark.getTimestamp());
    }

    @Override
    public void markIdle() {
      events.add("idle");
    }

    @Override
    public void markActive() {
      events.add("active");
    }
  }

  private static final class ManualContext implements WatermarkGeneratorSupplier.Context {
    long now;

    @Override
    public MetricGroup getMetricGroup() {
      return null;
    }

    @Override
    public long currentProcessingTime() {
      return now;
    }
  }

  @Test
  void boundedOutOfOrdernessTrailsTheLargestTimestampByTheBoundPlusOne() {
    WatermarkGenerator<String> g = WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ofMillis(100))
        .createWatermarkGenerator(new ManualContext());
    RecordingOutput out = new RecordingOutput();
    g.onPeriodicEmit(out);
    g.onEvent("a", 1_000, out);
    g.onEvent("b", 950, out);
    g.onPeriodicEmit(out);
    g.onEvent("c", 1_500, out);
    g.onEvent("d", 1_200, out);
    g.onPeriodicEmit(out);
    assertThat(out.events).containsExactly("wm:" + Long.MIN_VALUE, "wm:899", "wm:1399");
  }

  @Test
  void monotonousTimestampsTrailByOneMillisecond() {
    WatermarkGenerator<Long> g = WatermarkStrategy.<Long>forMonotonousTimestamps()
        .createWatermarkGenerator(new ManualContext());
    RecordingOutput out = new RecordingOutput();
    g.onEvent(1L, 42, out);
    g.onPeriodicEmit(out);
    assertThat(out.events).containsExactly("wm:41");
  }

  @Test
  void timestampAssignerReplacesTheRecordTimestampAndDefaultKeepsIt() {
    WatermarkStrategy<String> base = WatermarkStrategy.forMonotonousTimestamps();
    assertThat(base.createTimestampAssigner().extractTimestamp("x", 17)).isEqualTo(17);
    WatermarkStrategy<String> s = base.withTimestampAssigner((e, ts) -> Long.parseLong(e));
    assertThat(s.createTimestampAssigner().extractTimestamp("123", 17)).isEqualTo(123);
    assertThat(s.isPassThrough()).isFalse();
    assertThat(WatermarkStrategy.noWatermarks().isPassThrough()).isTrue();
    assertThat(WatermarkStrategy.<String>noWatermarks().withTimestampAssigner((e, ts) -> 5L).isPassThrough()).isFalse();
  }

  @Test
  void idlenessMarksIdleAfterTheTimeoutWithoutEventsAndResumesOnTheNextEvent() {
    ManualContext ctx = new ManualContext();
    ctx.now = 1_000;
    WatermarkGenerator<Long> g = WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ZERO)
        .withIdleness(Duration.ofSeconds(5)).createWatermarkGenerator(ctx);
    RecordingOutput out = new RecordingOutput();
    g.onEvent(1L, 100, out);
    ctx.now = 5_999;
    g.onPeriodicEmit(out);
    ctx.now = 6_000;
    g.onPeriodicEmit(out);
    ctx.now = 9_000;
    g.onPeriodicEmit(out);
    g.onEvent(2L, 200, out);
    g.onPeriodicEmit(out);
    assertThat(out.events).containsExactly("wm:99", "idle", "wm:199");
  }

  @Test
  void invalidBoundsAreRejectedWithTheValue() {
    assertThatThrownBy(() -> WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxOutOfOrderness must be zero or positive, not PT-0.001S");
    assertThatThrownBy(() -> WatermarkStrategy.forMonotonousTimestamps().withIdleness(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The idle timeout must be positive, not PT0S");
  }

  @Test
  void punctuatedGeneratorsEmitFromOnEvent() {
    WatermarkStrategy<String> s = WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
      @Override
      public void onEvent(String event, long eventTimestamp, WatermarkOutput output) {
        if (event.startsWith("!")) {
          output.emitWatermark(new Watermark(eventTimestamp));
        }
      }

      @Override
      public void onPeriodicEmit(WatermarkOutput output) {}
    });
    WatermarkGenerator<String> g = s.createWatermarkGenerator(new ManualContext());
    RecordingOutput out = new RecordingOutput();
    g.onEvent("a", 1, out);
    g.onEvent("!b", 2, out);
    g.onPeriodicEmit(out);
    assertThat(out.events).containsExactly("wm:2");
  }
}
