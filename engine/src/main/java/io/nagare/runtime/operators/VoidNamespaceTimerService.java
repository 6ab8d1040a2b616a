package io.nagare.runtime.operators;

import io.nagare.api.functions.TimerService;
import io.nagare.runtime.timers.InternalTimerService;
import io.nagare.state.VoidNamespace;

/**
 * The {@link TimerService} user functions of keyed operators see: timers of the current key,
 * without a namespace, and the operator's current watermark. Subtask thread only.
 */
final class VoidNamespaceTimerService implements TimerService {
  private final InternalTimerService<Object, VoidNamespace> timers;
  private final AbstractStreamOperator<?> operator;

  VoidNamespaceTimerService(InternalTimerService<Object, VoidNamespace> timers, AbstractStreamOperator<?> operator) {
    this.timers = timers;
    this.operator = operator;
  }

  @Override
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return operator.currentWatermark;
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
  }
}
