package io.nagare.api.windowing.triggers;

import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.windowing.windows.Window;
import java.io.Serializable;

/**
 * Decides when a window emits its result and when its contents are dropped. A trigger is called
 * for every element added to a window and for every timer it registered, always for one key and
 * one window; its state and timers are scoped to both. Every method runs on the subtask's thread.
 *
 * <p>Write triggers that register a bounded number of timers: register a timer from {@code
 * onElement} or from the firing of a previous one, never in a loop, and delete what you
 * registered in {@link #clear}.
 *
 * @param <T> element type
 * @param <W> window type
 */
public abstract class Trigger<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Called for each element added to {@code window}. */
  public abstract TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx) throws Exception;

  /** Called when an event-time timer this trigger registered for {@code window} fires. */
  public abstract TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception;

  /** Called when a processing-time timer this trigger registered for {@code window} fires. */
  public abstract TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception;

  /** Whether this trigger supports merging windows (sessions); {@link #onMerge} must then be implemented. */
  public boolean canMerge() {
    return false;
  }

  /** Called when windows merged into {@code window}: merge state and register the new window's timers. */
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support merging windows");
  }

  /** Called when {@code window} is removed: delete its timers and state. */
  public abstract void clear(W window, TriggerContext ctx) throws Exception;

  /** What a trigger can use: clocks, timers and state for the current key and window. */
  public interface TriggerContext {
    long getCurrentProcessingTime();

    long getCurrentWatermark();

    MetricGroup getMetricGroup();

    /** Whether the windows end by event time (the watermark) rather than by processing time. */
    boolean isEventTimeWindow();

    void registerProcessingTimeTimer(long time);

    void registerEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    /** State of the current key and window. */
    <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor);
  }

  /** The context of {@link #onMerge}. */
  public interface OnMergeContext extends TriggerContext {
    /** Combines the merged windows' values of this (list, reducing or aggregating) state into the new window. */
    <S extends State> void mergePartitionedState(StateDescriptor<S, ?> descriptor);
  }
}
