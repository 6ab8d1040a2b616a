package io.nagare.api.state;

import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.Objects;

/** Describes a {@link ReducingState}: its reduce function and value type. */
public class ReducingStateDescriptor<T> extends StateDescriptor<ReducingState<T>, T> {
  private final ReduceFunction<T> reduceFunction;

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, Class<T> type) {
    this(name, reduceFunction, TypeInformation.of(type));
  }

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, TypeInformation<T> typeInfo) {
    super(name, typeInfo);
    this.reduceFunction = Objects.requireNonNull(reduceFunction, "reduceFunction");
  }

  public ReduceFunction<T> getReduceFunction() {
    return reduceFunction;
  }

  @Override
  public Kind getKind() {
    return Kind.REDUCING;
  }
}
