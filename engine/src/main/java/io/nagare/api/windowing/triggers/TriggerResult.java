package io.nagare.api.windowing.triggers;

/** What a trigger decides: whether to emit the window's result now, and whether to drop its contents. */
public enum TriggerResult {
  /** Nothing happens. */
  CONTINUE(false, false),
  /** Emit the result and drop the contents. */
  FIRE_AND_PURGE(true, true),
  /** Emit the result; keep the contents for later firings. */
  FIRE(true, false),
  /** Drop the contents without emitting. */
  PURGE(false, true);

  private final boolean fire;
  private final boolean purge;

  TriggerResult(boolean fire, boolean purge) {
    this.fire = fire;
    this.purge = purge;
  }

  public boolean isFire() {
    return fire;
  }

  public boolean isPurge() {
    return purge;
  }
}
