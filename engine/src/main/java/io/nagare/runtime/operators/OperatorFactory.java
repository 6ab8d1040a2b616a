package io.nagare.runtime.operators;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.BroadcastProcessFunction;
import io.nagare.api.functions.CoFlatMapFunction;
import io.nagare.api.functions.CoMapFunction;
import io.nagare.api.functions.CoProcessFunction;
import io.nagare.api.functions.FilterFunction;
import io.nagare.api.functions.FlatMapFunction;
import io.nagare.api.functions.KeyedBroadcastProcessFunction;
import io.nagare.api.functions.KeyedCoProcessFunction;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.ProcessFunction;
import io.nagare.api.functions.ProcessJoinFunction;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.operators.OneInputStreamOperator;
import io.nagare.api.operators.OneInputStreamOperatorFactory;
import io.nagare.api.transformations.BroadcastStateSettings;
import io.nagare.api.transformations.IntervalJoinSettings;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.WindowSettings;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.runtime.operators.windowing.WindowOperator;

/** Creates the operator implementing an {@link OperatorSpec}. */
public final class OperatorFactory {
  private OperatorFactory() {}

  /**
   * A new operator for {@code spec}; it is both an {@link AbstractStreamOperator} and the {@link
   * Output} of its input type.
   *
   * @param inputType the type of the operator's input (needed by operators that keep input in state)
   */
  public static AbstractStreamOperator<Object> create(OperatorSpec spec, TypeInformation<?> inputType) {
    return create(spec, inputType, new Configuration());
  }

  /**
   * A new operator for {@code spec} in a job configured by {@code jobConfiguration} (for settings
   * such as the auto-watermark interval).
   */
  public static AbstractStreamOperator<Object> create(OperatorSpec spec, TypeInformation<?> inputType,
      Configuration jobConfiguration) {
    return create(spec, inputType, null, jobConfiguration);
  }

  /**
   * A new operator for {@code spec}; two-input kinds (which get {@code inputType2}) implement
   * {@link TwoInputOperator}, all others are the {@link Output} of their input type.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static AbstractStreamOperator<Object> create(OperatorSpec spec, TypeInformation<?> inputType,
      TypeInformation<?> inputType2, Configuration jobConfiguration) {
    switch (spec.getKind()) {
      case MAP: return (AbstractStreamOperator) new MapOperator<>((MapFunction) spec.getFunction());
      case FLAT_MAP: return (AbstractStreamOperator) new FlatMapOperator<>((FlatMapFunction) spec.getFunction());
      case FILTER: return (AbstractStreamOperator) new FilterOperator<>((FilterFunction) spec.getFunction());
      case PROCESS: return (AbstractStreamOperator) new ProcessOperator<>((ProcessFunction) spec.getFunction());
      case KEYED_PROCESS:
        return (AbstractStreamOperator) new KeyedProcessOperator<>((KeyedProcessFunction) spec.getFunction());
      case KEYED_REDUCE:
        return (AbstractStreamOperator) new KeyedReduceOperator<>((ReduceFunction) spec.getFunction(), inputType);
      case SINK: return (AbstractStreamOperator) new SinkOperator<>((SinkFunction) spec.getFunction());
      case TIMESTAMPS_AND_WATERMARKS:
        return (AbstractStreamOperator) new TimestampsAndWatermarksOperator<>((WatermarkStrategy) spec.getSettings(),
            jobConfiguration.get(CoreOptions.AUTO_WATERMARK_INTERVAL).toMillis());
      case CO_MAP: return (AbstractStreamOperator) new CoMapOperator<>((CoMapFunction) spec.getFunction());
      case CO_FLAT_MAP: return (AbstractStreamOperator) new CoFlatMapOperator<>((CoFlatMapFunction) spec.getFunction());
      case CO_PROCESS: return (AbstractStreamOperator) new CoProcessOperator<>((CoProcessFunction) spec.getFunction());
      case KEYED_CO_PROCESS:
        return (AbstractStreamOperator) new KeyedCoProcessOperator<>((KeyedCoProcessFunction) spec.getFunction());
      case INTERVAL_JOIN:
        return (AbstractStreamOperator) new IntervalJoinOperator<>((ProcessJoinFunction) spec.getFunction(),
            (IntervalJoinSettings) spec.getSettings(), inputType, inputType2);
      case BROADCAST_PROCESS:
        return (AbstractStreamOperator) new BroadcastProcessOperator<>((BroadcastProcessFunction) spec.getFunction(),
            (BroadcastStateSettings) spec.getSettings());
      case WINDOW:
        return (AbstractStreamOperator) new WindowOperator<>((ProcessWindowFunction) spec.getFunction(),
            (WindowSettings) spec.getSettings(), inputType);
      case KEYED_BROADCAST_PROCESS:
        return (AbstractStreamOperator) new KeyedBroadcastProcessOperator<>(
            (KeyedBroadcastProcessFunction) spec.getFunction(), (BroadcastStateSettings) spec.getSettings());
      case CUSTOM:
        return (AbstractStreamOperator) new UserOperatorAdapter<>(createUserOperator(spec));
      default: throw new IllegalArgumentException("No operator for " + spec);
    }
  }

  private static OneInputStreamOperator<?, ?> createUserOperator(OperatorSpec spec) {
    OneInputStreamOperatorFactory<?, ?> factory = (OneInputStreamOperatorFactory<?, ?>) spec.getSettings();
    try {
      OneInputStreamOperator<?, ?> operator = factory.createOperator();
      if (operator == null) {
        throw new IllegalStateException(factory.getClass().getName() + " created no operator (null)");
      }
      return operator;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(factory.getClass().getName() + " could not create its operator: " + e, e);
    }
  }
}
