package io.nagare.runtime.operators.windowing;

import io.nagare.api.common.OutputTag;
import io.nagare.api.datastream.DataStream;
import io.nagare.api.datastream.KeyedStream;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.transformations.OneInputTransformation;
import io.nagare.api.transformations.Transformation;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.util.List;
import java.util.function.Function;

/**
 * Builds a window operator the way a program does — through the DataStream API on a stream of
 * {@code Tuple2<String, Long>} keyed by {@code f0} — and wraps it in an operator harness.
 */
final class WindowHarness {
  static final TypeInformation<Tuple2<String, Long>> TYPE = Types.TUPLE(Types.STRING, Types.LONG);

  private WindowHarness() {}

  @SuppressWarnings("unchecked")
  static <R> OneInputOperatorTestHarness<Tuple2<String, Long>, R> of(
      Function<KeyedStream<Tuple2<String, Long>, String>, DataStream<R>> build, OutputTag<?>... sideOutputs)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    DataStream<Tuple2<String, Long>> input = env.fromCollection(List.of(Tuple2.of("x", 0L)), TYPE);
    build.apply(input.keyBy(t -> t.f0, Types.STRING));
    List<Transformation<?>> all = env.getTransformations();
    OneInputTransformation<Tuple2<String, Long>, R> window =
        (OneInputTransformation<Tuple2<String, Long>, R>) all.get(all.size() - 1);
    OneInputOperatorTestHarness<Tuple2<String, Long>, R> h = OneInputOperatorTestHarness.forKeyedSpec(
        window.getOperator(), t -> t.f0, Types.STRING, TYPE);
    for (OutputTag<?> tag : sideOutputs) {
      h.withSideOutput(tag);
    }
    h.open();
    return h;
  }

  /** Like {@link #of}, but not yet opened (to restore a snapshot first). */
  @SuppressWarnings("unchecked")
  static <R> OneInputOperatorTestHarness<Tuple2<String, Long>, R> unopened(
      Function<KeyedStream<Tuple2<String, Long>, String>, DataStream<R>> build) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    DataStream<Tuple2<String, Long>> input = env.fromCollection(List.of(Tuple2.of("x", 0L)), TYPE);
    build.apply(input.keyBy(t -> t.f0, Types.STRING));
    List<Transformation<?>> all = env.getTransformations();
    OneInputTransformation<Tuple2<String, Long>, R> window =
        (OneInputTransformation<Tuple2<String, Long>, R>) all.get(all.size() - 1);
    return OneInputOperatorTestHarness.forKeyedSpec(window.getOperator(), t -> t.f0, Types.STRING, TYPE);
  }
}
