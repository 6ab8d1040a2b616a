package io.nagare.runtime.operators;

import static io.nagare.testing.OneInputOperatorTestHarness.Emitted.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.functions.Collector;
import io.nagare.api.functions.ProcessJoinFunction;
import io.nagare.api.transformations.IntervalJoinSettings;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.TwoInputOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Interval join semantics on one key space: bounds, timestamps of the pairs, lateness and state cleanup. */
class IntervalJoinOperatorTest {

  /** Joins "key:label" strings; emits "leftLabel+rightLabel". */
  static final class Pair extends ProcessJoinFunction<String, String, String> {
    @Override
    public void processElement(String left, String right, Context ctx, Collector<String> out) {
      out.collect(left.substring(2) + "+" + right.substring(2) + "@" + ctx.getLeftTimestamp() + "/"
          + ctx.getRightTimestamp());
    }
  }

  private static TwoInputOperatorTestHarness<String, String, String> harness(long lower, long upper) {
    return TwoInputOperatorTestHarness.keyed(new OperatorSpec(OperatorSpec.Kind.INTERVAL_JOIN, new Pair(),
        new IntervalJoinSettings(lower, upper)), Types.STRING, Types.STRING, s -> s.substring(0, 1),
        s -> s.substring(0, 1), Types.STRING);
  }

  @Test
  void joinsRightElementsWithinTheInclusiveBoundsOfTheSameKeyOnly() throws Exception {
    TwoInputOperatorTestHarness<String, String, String> h = harness(-2, 3);
    h.open();
    h.processElement1("a:L10", 10);
    h.processElement2("a:r7", 7);
    h.processElement2("a:r8", 8);
    h.processElement2("a:r13", 13);
    h.processElement2("a:r14", 14);
    h.processElement2("b:r10", 10);
    h.processElement1("a:L12", 12);
    assertThat(h.getOutput()).containsExactlyInAnyOrder(
        record("L10+r8@10/8", 10),
        record("L10+r13@10/13", 13),
        record("L12+r13@12/13", 13),
        record("L12+r14@12/14", 14));
  }

  @Test
  void lateElementsAreDroppedAndCountedAndBuffersAreCleanedByTheWatermark() throws Exception {
    TwoInputOperatorTestHarness<String, String, String> h = harness(0, 5);
    h.open();
    h.processElement1("a:L10", 10);
    h.processElement2("a:r12", 12);
    assertThat(h.numKeyedStateEntries()).isEqualTo(2);
    h.processWatermark(12);
    assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    h.processWatermark(15);
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    h.processElement2("a:r14", 14);
    h.processElement1("a:L11", 11);
    assertThat(h.extractOutputValues()).containsExactly("L10+r12@10/12");
    assertThat(h.getOperator().getContext().metricGroup().counter("numLateRecordsDropped").getCount()).isEqualTo(2);
  }
}
