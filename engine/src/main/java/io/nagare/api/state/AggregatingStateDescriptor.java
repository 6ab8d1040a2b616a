package io.nagare.api.state;

import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.Objects;

/**
 * Describes an {@link AggregatingState}: its aggregate function and the accumulator's type (which
 * is what is stored).
 */
public class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptor<AggregatingState<IN, OUT>, ACC> {
  private final AggregateFunction<IN, ACC, OUT> aggregateFunction;

  public AggregatingStateDescriptor(String name, AggregateFunction<IN, ACC, OUT> aggregateFunction, Class<ACC> accType) {
    this(name, aggregateFunction, TypeInformation.of(accType));
  }

  public AggregatingStateDescriptor(
      String name, AggregateFunction<IN, ACC, OUT> aggregateFunction, TypeInformation<ACC> accType) {
    super(name, accType);
    this.aggregateFunction = Objects.requireNonNull(aggregateFunction, "aggregateFunction");
  }

  public AggregateFunction<IN, ACC, OUT> getAggregateFunction() {
    return aggregateFunction;
  }

  @Override
  public Kind getKind() {
    return Kind.AGGREGATING;
  }
}
