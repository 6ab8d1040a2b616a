package io.nagare.runtime.operators;

import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;

/**
 * A rolling reduction per key: keeps the key's running value in keyed state and emits it after
 * every element.
 */
public final class KeyedReduceOperator<T> extends AbstractUdfOperator<T, ReduceFunction<T>> implements Output<T> {
  private static final String STATE_NAME = "_reduce_value";

  private final TypeInformation<T> type;
  private ValueState<T> value;

  public KeyedReduceOperator(ReduceFunction<T> function, TypeInformation<T> type) {
    super(function);
    this.type = type;
  }

  @Override
  public void open() throws Exception {
    super.open();
    value = keyedStateBackend.getOrCreateKeyedState(new ValueStateDescriptor<>(STATE_NAME, type));
  }

  @Override
  public void collect(T record, long timestamp) {
    recordsIn++;
    setCurrentKeyOf(record);
    T result;
    try {
      T current = value.value();
      result = current == null ? record : userFunction.reduce(current, record);
      if (result == null) {
        throw nullRecord();
      }
      value.update(result);
    } catch (Exception e) {
      throw failure(e);
    }
    output.collect(result, timestamp);
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      processWatermark(watermark);
    } catch (Exception e) {
      throw failure(e);
    }
  }
}
