package io.nagare.api.windowing.triggers;

import io.nagare.api.windowing.windows.Window;

/**
 * The default trigger of global windows: fires only when the final watermark ({@code
 * Long.MAX_VALUE}) arrives at the end of a bounded input, so a bounded job emits what it collected.
 */
public final class EndOfInputTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private EndOfInputTrigger() {}

  public static EndOfInputTrigger create() {
    return new EndOfInputTrigger();
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window, TriggerContext ctx) {
    ctx.registerEventTimeTimer(Long.MAX_VALUE);
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
    return time == Long.MAX_VALUE ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public void clear(Window window, TriggerContext ctx) {
    ctx.deleteEventTimeTimer(Long.MAX_VALUE);
  }
}
