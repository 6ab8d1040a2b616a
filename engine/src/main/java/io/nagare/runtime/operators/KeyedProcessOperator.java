package io.nagare.runtime.operators;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.TimeDomain;
import io.nagare.api.functions.TimerService;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.runtime.timers.InternalTimerService;
import io.nagare.runtime.timers.TimerEntry;
import io.nagare.runtime.timers.Triggerable;
import io.nagare.state.VoidNamespace;

/**
 * Runs a {@link KeyedProcessFunction}: per-element processing with keyed state, side outputs and
 * timers. A firing timer's output carries the timer's timestamp.
 */
public final class KeyedProcessOperator<K, IN, OUT> extends AbstractUdfOperator<OUT, KeyedProcessFunction<K, IN, OUT>>
    implements Output<IN>, Triggerable<Object, VoidNamespace> {
  private TimestampedCollector<OUT> collector;
  private InternalTimerService<Object, VoidNamespace> timers;
  private ContextImpl ctx;
  private OnTimerContextImpl timerCtx;
  private long timestamp;
  private TimeDomain timeDomain;

  public KeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
    timers = timerService(this);
    ctx = new ContextImpl(userFunction);
    timerCtx = new OnTimerContextImpl(userFunction);
  }

  @Override
  public void collect(IN record, long timestamp) {
    recordsIn++;
    setCurrentKeyOf(record);
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

  @Override
  public void onEventTime(TimerEntry<Object, VoidNamespace> timer) {
    fire(timer, TimeDomain.EVENT_TIME);
  }

  @Override
  public void onProcessingTime(TimerEntry<Object, VoidNamespace> timer) {
    fire(timer, TimeDomain.PROCESSING_TIME);
  }

  private void fire(TimerEntry<Object, VoidNamespace> timer, TimeDomain domain) {
    timestamp = timer.timestamp();
    timeDomain = domain;
    collector.setTimestamp(timer.timestamp());
    try {
      userFunction.onTimer(timer.timestamp(), timerCtx, collector);
    } catch (Exception e) {
      throw failure("failed in onTimer()", e);
    }
  }

  @SuppressWarnings("unchecked")
  private K currentKey() {
    return (K) keyedStateBackend.getCurrentKey();
  }

  private final class ContextImpl extends KeyedProcessFunction<K, IN, OUT>.Context {
    private final TimerService timerService = new VoidNamespaceTimerService(timers, KeyedProcessOperator.this);

    ContextImpl(KeyedProcessFunction<K, IN, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return Timestamps.boxed(timestamp);
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (value == null) {
        throw nullRecord();
      }
      sideOutputs.emit(outputTag, value, timestamp);
    }

    @Override
    public K getCurrentKey() {
      return currentKey();
    }
  }

  private final class OnTimerContextImpl extends KeyedProcessFunction<K, IN, OUT>.OnTimerContext {
    private final TimerService timerService = new VoidNamespaceTimerService(timers, KeyedProcessOperator.this);

    OnTimerContextImpl(KeyedProcessFunction<K, IN, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return Timestamps.boxed(timestamp);
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (value == null) {
        throw nullRecord();
      }
      sideOutputs.emit(outputTag, value, timestamp);
    }

    @Override
    public K getCurrentKey() {
      return currentKey();
    }

    @Override
    public TimeDomain timeDomain() {
      return timeDomain;
    }
  }
}
