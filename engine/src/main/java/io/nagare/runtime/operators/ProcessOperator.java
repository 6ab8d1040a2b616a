package io.nagare.runtime.operators;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.ProcessFunction;
import io.nagare.api.functions.TimerService;
import io.nagare.runtime.streamrecord.Timestamps;

/** Runs a {@link ProcessFunction} on a non-keyed stream: side outputs, clocks, but no timers. */
public final class ProcessOperator<IN, OUT> extends AbstractUdfOperator<OUT, ProcessFunction<IN, OUT>>
    implements Output<IN> {
  private TimestampedCollector<OUT> collector;
  private ContextImpl ctx;
  private long timestamp;

  public ProcessOperator(ProcessFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
    ctx = new ContextImpl(userFunction);
  }

  @Override
  public void collect(IN record, long timestamp) {
    recordsIn++;
    if (keyedStateBackend != null) {
      setCurrentKeyOf(record);
    }
    this.timestamp = timestamp;
    collector.setTimestamp(timestamp);
    try {
      userFunction.processElement(record, ctx, collector);
    } catch (Exception e) {
      throw failure(e);
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

  private final class ContextImpl extends ProcessFunction<IN, OUT>.Context implements TimerService {
    ContextImpl(ProcessFunction<IN, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return Timestamps.boxed(timestamp);
    }

    @Override
    public TimerService timerService() {
      return this;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (value == null) {
        throw nullRecord();
      }
      sideOutputs.emit(outputTag, value, timestamp);
    }

    @Override
    public long currentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }

    private UnsupportedOperationException noTimers() {
      return new UnsupportedOperationException("Setting timers is only supported on a keyed stream: use keyBy() and a"
          + " KeyedProcessFunction for '" + getName() + "'");
    }

    @Override
    public void registerProcessingTimeTimer(long time) {
      throw noTimers();
    }

    @Override
    public void registerEventTimeTimer(long time) {
      throw noTimers();
    }

    @Override
    public void deleteProcessingTimeTimer(long time) {
      throw noTimers();
    }

    @Override
    public void deleteEventTimeTimer(long time) {
      throw noTimers();
    }
  }
}
