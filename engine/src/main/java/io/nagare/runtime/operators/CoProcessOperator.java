package io.nagare.runtime.operators;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.CoProcessFunction;
import io.nagare.api.functions.TimerService;
import io.nagare.runtime.streamrecord.Timestamps;

/** Runs a {@link CoProcessFunction} on two connected non-keyed streams: side outputs and clocks, no timers. */
public final class CoProcessOperator<IN1, IN2, OUT> extends AbstractUdfOperator<OUT, CoProcessFunction<IN1, IN2, OUT>>
    implements TwoInputOperator<IN1, IN2> {
  private TimestampedCollector<OUT> collector;
  private ContextImpl ctx;
  private long timestamp;

  public CoProcessOperator(CoProcessFunction<IN1, IN2, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
    ctx = new ContextImpl(userFunction);
  }

  @Override
  public void processElement1(IN1 record, long timestamp) {
    recordsIn++;
    this.timestamp = timestamp;
    collector.setTimestamp(timestamp);
    try {
      userFunction.processElement1(record, ctx, collector);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void processElement2(IN2 record, long timestamp) {
    recordsIn++;
    this.timestamp = timestamp;
    collector.setTimestamp(timestamp);
    try {
      userFunction.processElement2(record, ctx, collector);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  private final class ContextImpl extends CoProcessFunction<IN1, IN2, OUT>.Context implements TimerService {
    ContextImpl(CoProcessFunction<IN1, IN2, OUT> function) {
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

    private UnsupportedOperationException noTimers() {
      return new UnsupportedOperationException("Setting timers is only supported on keyed streams: key both"
          + " connected streams (connect(...).keyBy(...)) and use a KeyedCoProcessFunction in '" + getName() + "'");
    }
  }
}
