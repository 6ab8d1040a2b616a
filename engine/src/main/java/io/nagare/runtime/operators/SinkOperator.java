package io.nagare.runtime.operators;

import io.nagare.api.functions.SinkFunction;
import io.nagare.runtime.streamrecord.Timestamps;

/** Hands each record to a {@link SinkFunction}. */
public final class SinkOperator<IN> extends AbstractUdfOperator<Void, SinkFunction<IN>> implements Output<IN> {
  private final SinkContext sinkContext = new SinkContext();
  private long timestamp;

  public SinkOperator(SinkFunction<IN> function) {
    super(function);
  }

  @Override
  public void collect(IN record, long timestamp) {
    recordsIn++;
    if (keyedStateBackend != null) {
      setCurrentKeyOf(record);
    }
    this.timestamp = timestamp;
    try {
      userFunction.invoke(record, sinkContext);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void finish() throws Exception {
    try {
      userFunction.finish();
    } catch (Exception e) {
      throw failure("failed in finish()", e);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      processWatermark(watermark);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  private final class SinkContext implements SinkFunction.Context {
    @Override
    public long currentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }

    @Override
    public Long timestamp() {
      return Timestamps.boxed(timestamp);
    }
  }
}
