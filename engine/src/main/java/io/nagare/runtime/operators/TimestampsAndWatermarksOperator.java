package io.nagare.runtime.operators;

import io.nagare.api.eventtime.TimestampAssigner;
import io.nagare.api.eventtime.Watermark;
import io.nagare.api.eventtime.WatermarkGenerator;
import io.nagare.api.eventtime.WatermarkGeneratorSupplier;
import io.nagare.api.eventtime.WatermarkOutput;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.runtime.streamrecord.WatermarkStatus;
import io.nagare.runtime.timers.ProcessingTimeService;

/**
 * {@code assignTimestampsAndWatermarks}: stamps each element with the strategy's timestamp and
 * emits the generator's watermarks (from {@code onEvent}, and from {@code onPeriodicEmit} on a
 * processing-time timer every auto-watermark interval). Upstream watermarks and idleness are
 * replaced by its own, except the final watermark of a bounded input, which is forwarded so every
 * window fires. Subtask thread only.
 */
public final class TimestampsAndWatermarksOperator<T> extends AbstractStreamOperator<T> implements Output<T> {
  private final WatermarkStrategy<T> strategy;
  private final long intervalMillis;
  private final Emitter emitter = new Emitter();
  private TimestampAssigner<T> assigner;
  private WatermarkGenerator<T> generator;
  private ProcessingTimeService.ScheduledTimer periodic;

  /** @param intervalMillis how often to call {@code onPeriodicEmit}; 0 never */
  public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy, long intervalMillis) {
    this.strategy = strategy;
    this.intervalMillis = intervalMillis;
  }

  /** The context generators get in {@code createWatermarkGenerator}: the operator's metrics and clock. */
  public static WatermarkGeneratorSupplier.Context generatorContext(OperatorContext context) {
    return new WatermarkGeneratorSupplier.Context() {
      @Override
      public MetricGroup getMetricGroup() {
        return context.metricGroup();
      }

      @Override
      public long currentProcessingTime() {
        return context.processingTimeService().getCurrentProcessingTime();
      }
    };
  }

  @Override
  public void open() throws Exception {
    super.open();
    try {
      assigner = strategy.createTimestampAssigner();
      generator = strategy.createWatermarkGenerator(generatorContext(context));
    } catch (Exception e) {
      throw failure("failed to create its timestamp assigner or watermark generator", e);
    }
    schedulePeriodicEmit();
  }

  private void schedulePeriodicEmit() {
    if (intervalMillis > 0) {
      ProcessingTimeService clock = context.processingTimeService();
      periodic = clock.registerTimer(clock.getCurrentProcessingTime() + intervalMillis, this::onPeriodicEmit);
    }
  }

  private void onPeriodicEmit(long time) {
    try {
      generator.onPeriodicEmit(emitter);
    } catch (RuntimeException e) {
      throw failure("failed in its watermark generator", e);
    }
    schedulePeriodicEmit();
  }

  @Override
  public void collect(T record, long timestamp) {
    recordsIn++;
    long t;
    try {
      t = assigner.extractTimestamp(record, timestamp);
    } catch (RuntimeException e) {
      throw failure("failed in its timestamp assigner", e);
    }
    emitter.markActive();
    output.collect(record, t);
    try {
      generator.onEvent(record, t, emitter);
    } catch (RuntimeException e) {
      throw failure("failed in its watermark generator", e);
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

  /** Only the final watermark passes; all others are this operator's to make. */
  @Override
  public void processWatermark(long watermark) throws Exception {
    if (watermark == Long.MAX_VALUE) {
      emitter.markActive();
      forward(watermark);
    }
  }

  /** Upstream idleness does not matter here: this operator's generator decides. */
  @Override
  public void processWatermarkStatus(WatermarkStatus status) {}

  @Override
  public void close() throws Exception {
    if (periodic != null) {
      periodic.cancel();
    }
    super.close();
  }

  private void forward(long watermark) throws Exception {
    super.processWatermark(watermark);
  }

  /** The generator's output: emits only advancing watermarks and tracks idleness. */
  private final class Emitter implements WatermarkOutput {
    private long last = Long.MIN_VALUE;
    private boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      if (watermark.getTimestamp() <= last) {
        return;
      }
      markActive();
      last = watermark.getTimestamp();
      try {
        forward(last);
      } catch (Exception e) {
        throw failure(e);
      }
    }

    @Override
    public void markIdle() {
      if (!idle) {
        idle = true;
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
        sideOutputs.emitWatermarkStatus(WatermarkStatus.IDLE);
      }
    }

    @Override
    public void markActive() {
      if (idle) {
        idle = false;
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        sideOutputs.emitWatermarkStatus(WatermarkStatus.ACTIVE);
      }
    }
  }
}
