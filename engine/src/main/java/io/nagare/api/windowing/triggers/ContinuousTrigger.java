package io.nagare.api.windowing.triggers;

import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.windows.Window;
import java.time.Duration;

/**
 * Fires a window every {@code interval} (of event time or of processing time) while it has
 * elements, and once more at its end. Built to avoid the ways Flink's continuous triggers went
 * wrong:
 *
 * <ul>
 *   <li>At most one periodic timer is pending per window (its time is kept in trigger state); the
 *       next one is registered only when it fires, at the first multiple of the interval strictly
 *       after the current time of its domain, so a large jump of the watermark or the clock fires
 *       once instead of looping through every missed interval.
 *   <li>The end of the window is a separate timer in the window's own time domain, so the final
 *       firing happens exactly once, also when the periodic timer would have fallen after it.
 *   <li>Processing-time firings on event-time windows do not depend on the window's end, so
 *       replaying old data (processing time long past the window's end) still fires every interval
 *       and never registers a timer in the past.
 *   <li>A late element within the allowed lateness (the window's end already behind the watermark)
 *       fires at once; merging windows keeps the earliest pending periodic firing; {@code clear}
 *       deletes every timer it registered.
 * </ul>
 */
abstract class ContinuousTrigger<W extends Window> extends Trigger<Object, W> {
  private static final long serialVersionUID = 1L;

  private final long interval;
  private final boolean periodicInEventTime;
  private final ReducingStateDescriptor<Long> fireTimeDescriptor =
      new ReducingStateDescriptor<>("continuous-fire-time", Math::min, Types.LONG);

  ContinuousTrigger(Duration interval, boolean periodicInEventTime) {
    if (interval == null || interval.toMillis() <= 0) {
      throw new IllegalArgumentException("The firing interval must be positive, not " + interval);
    }
    this.interval = interval.toMillis();
    this.periodicInEventTime = periodicInEventTime;
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx) throws Exception {
    if (ctx.isEventTimeWindow()) {
      if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
        return TriggerResult.FIRE;
      }
      ctx.registerEventTimeTimer(window.maxTimestamp());
    } else {
      ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    if (fireTime.get() == null) {
      long now = periodicInEventTime ? Math.max(timestamp, ctx.getCurrentWatermark()) : ctx.getCurrentProcessingTime();
      schedule(nextAfter(now), window, ctx, fireTime);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception {
    return onTimer(time, true, Math.max(time, ctx.getCurrentWatermark()), window, ctx);
  }

  @Override
  public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception {
    return onTimer(time, false, Math.max(time, ctx.getCurrentProcessingTime()), window, ctx);
  }

  private TriggerResult onTimer(long time, boolean eventTime, long now, W window, TriggerContext ctx) throws Exception {
    if (eventTime == ctx.isEventTimeWindow() && time == window.maxTimestamp()) {
      return TriggerResult.FIRE;
    }
    if (eventTime != periodicInEventTime) {
      return TriggerResult.CONTINUE;
    }
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long pending = fireTime.get();
    if (pending == null || pending != time) {
      return TriggerResult.CONTINUE;
    }
    fireTime.clear();
    schedule(nextAfter(now), window, ctx, fireTime);
    return TriggerResult.FIRE;
  }

  /** The first multiple of the interval strictly after {@code time}. */
  private long nextAfter(long time) {
    if (time >= Long.MAX_VALUE - interval) {
      return Long.MAX_VALUE;
    }
    return time - Math.floorMod(time, interval) + interval;
  }

  /** Registers the periodic timer at {@code at}, unless the window's end (its own timer) comes first. */
  private void schedule(long at, W window, TriggerContext ctx, ReducingState<Long> fireTime) throws Exception {
    boolean sameDomainAsWindow = periodicInEventTime == ctx.isEventTimeWindow();
    if (at == Long.MAX_VALUE || (sameDomainAsWindow && at >= window.maxTimestamp())) {
      return;
    }
    fireTime.add(at);
    register(at, ctx);
  }

  private void register(long at, TriggerContext ctx) {
    if (periodicInEventTime) {
      ctx.registerEventTimeTimer(at);
    } else {
      ctx.registerProcessingTimeTimer(at);
    }
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    ctx.mergePartitionedState(fireTimeDescriptor);
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long earliest = fireTime.get();
    if (earliest != null) {
      if (periodicInEventTime == ctx.isEventTimeWindow() && earliest >= window.maxTimestamp()) {
        fireTime.clear();
      } else {
        register(earliest, ctx);
      }
    }
    if (ctx.isEventTimeWindow()) {
      if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
        ctx.registerEventTimeTimer(window.maxTimestamp());
      }
    } else if (window.maxTimestamp() > ctx.getCurrentProcessingTime()) {
      ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
  }

  @Override
  public void clear(W window, TriggerContext ctx) throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long pending = fireTime.get();
    if (pending != null) {
      if (periodicInEventTime) {
        ctx.deleteEventTimeTimer(pending);
      } else {
        ctx.deleteProcessingTimeTimer(pending);
      }
      fireTime.clear();
    }
    if (ctx.isEventTimeWindow()) {
      ctx.deleteEventTimeTimer(window.maxTimestamp());
    } else {
      ctx.deleteProcessingTimeTimer(window.maxTimestamp());
    }
  }

  long interval() {
    return interval;
  }
}
