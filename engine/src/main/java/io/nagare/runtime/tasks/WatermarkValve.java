package io.nagare.runtime.tasks;

import io.nagare.runtime.io.InputChannel;
import java.util.List;

/**
 * Combines the watermarks of a subtask's input channels: the combined watermark is the minimum
 * over channels that have not ended, and only ever advances. Subtask thread only.
 */
final class WatermarkValve {
  private final List<InputChannel> channels;
  private long combined = Long.MIN_VALUE;

  WatermarkValve(List<InputChannel> channels) {
    this.channels = channels;
  }

  /**
   * Recomputes after a channel's watermark moved or a channel ended; returns the new combined
   * watermark, or {@code Long.MIN_VALUE} if it did not advance.
   */
  long update() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (InputChannel c : channels) {
      if (!c.isFinished()) {
        any = true;
        min = Math.min(min, c.watermark());
      }
    }
    if (!any || min <= combined) {
      return Long.MIN_VALUE;
    }
    combined = min;
    return min;
  }

  long combined() {
    return combined;
  }
}
