package io.nagare.runtime.operators;

import static io.nagare.testing.OneInputOperatorTestHarness.Emitted.record;
import static io.nagare.testing.OneInputOperatorTestHarness.Emitted.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.typeinfo.Types;
import io.nagare.runtime.streamrecord.WatermarkStatus;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** assignTimestampsAndWatermarks driven by a manual clock (the auto-watermark interval is 200 ms). */
class TimestampsAndWatermarksOperatorTest {

  private static OneInputOperatorTestHarness<Long, Long> harness(WatermarkStrategy<Long> strategy) {
    return OneInputOperatorTestHarness.forSpec(
        new OperatorSpec(OperatorSpec.Kind.TIMESTAMPS_AND_WATERMARKS, null, strategy), Types.LONG);
  }

  @Test
  void stampsElementsAndEmitsPeriodicWatermarksOnlyWhenTheyAdvance() throws Exception {
    OneInputOperatorTestHarness<Long, Long> h = harness(WatermarkStrategy.<Long>forBoundedOutOfOrderness(
        Duration.ofMillis(5)).withTimestampAssigner((x, ts) -> x));
    h.open();
    h.processElement(100L, 1);
    h.processElement(90L);
    h.setProcessingTime(199);
    h.setProcessingTime(200);
    h.setProcessingTime(400);
    h.processElement(120L);
    h.setProcessingTime(600);
    assertThat(h.getOutput()).containsExactly(record(100L, 100), record(90L, 90), watermark(94), record(120L, 120),
        watermark(114));
  }

  @Test
  void upstreamWatermarksAreReplacedExceptTheFinalOne() throws Exception {
    OneInputOperatorTestHarness<Long, Long> h = harness(WatermarkStrategy.<Long>forMonotonousTimestamps()
        .withTimestampAssigner((x, ts) -> x));
    h.open();
    h.processElement(10L);
    h.processWatermark(1_000);
    h.processWatermarkStatus(WatermarkStatus.IDLE);
    h.processWatermark(Long.MAX_VALUE);
    assertThat(h.getOutput()).containsExactly(record(10L, 10), watermark(Long.MAX_VALUE));
    assertThat(h.getWatermarkStatuses()).isEmpty();
  }

  @Test
  void goesIdleAfterTheIdleTimeoutAndActiveWithTheNextElement() throws Exception {
    OneInputOperatorTestHarness<Long, Long> h = harness(WatermarkStrategy.<Long>forMonotonousTimestamps()
        .withTimestampAssigner((x, ts) -> x).withIdleness(Duration.ofSeconds(1)));
    h.open();
    h.processElement(7L);
    h.setProcessingTime(800);
    assertThat(h.getWatermarkStatuses()).isEmpty();
    h.setProcessingTime(1_000);
    assertThat(h.getWatermarkStatuses()).containsExactly(WatermarkStatus.IDLE);
    h.processElement(8L);
    h.setProcessingTime(1_200);
    assertThat(h.getWatermarkStatuses()).containsExactly(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE);
    assertThat(h.getOutput()).containsExactly(record(7L, 7), watermark(6), record(8L, 8), watermark(7));
  }
}
