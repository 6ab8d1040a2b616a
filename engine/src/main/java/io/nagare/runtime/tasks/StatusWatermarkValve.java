package io.nagare.runtime.tasks;

import io.nagare.runtime.streamrecord.WatermarkStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Combines the watermarks and idleness of several inputs (the channels of a subtask, or the
 * splits of a source reader) into one watermark and status, as Flink does:
 *
 * <ul>
 *   <li>the output watermark is the minimum over inputs that are active and <em>aligned</em>, and
 *       only ever advances;
 *   <li>an idle or finished input is left out; when every open input is idle the output goes idle
 *       (after advancing to the largest watermark among them, so nothing waits on idle inputs);
 *   <li>an input that becomes active again rejoins the minimum only once its watermark has caught
 *       up with the output watermark; its records behind the output watermark are late downstream.
 * </ul>
 *
 * <p>Owned by one subtask thread; the listener is called on it.
 */
final class StatusWatermarkValve {
  /** Receives what the valve emits. */
  interface Listener {
    void onWatermark(long watermark) throws Exception;

    void onStatus(WatermarkStatus status) throws Exception;
  }

  private static final class InputState {
    long watermark = Long.MIN_VALUE;
    boolean idle;
    boolean finished;
    boolean aligned = true;
  }

  private final List<InputState> inputs = new ArrayList<>();
  private final Listener listener;
  private long lastWatermark = Long.MIN_VALUE;
  private WatermarkStatus lastStatus = WatermarkStatus.ACTIVE;

  StatusWatermarkValve(int initialInputs, Listener listener) {
    this.listener = listener;
    for (int i = 0; i < initialInputs; i++) {
      inputs.add(new InputState());
    }
  }

  /**
   * Adds an active input with no watermark yet (it holds the output back until it emits one); an
   * idle output becomes active again. Returns the input's index.
   */
  int addInput() throws Exception {
    inputs.add(new InputState());
    becomeActiveIfIdle();
    return inputs.size() - 1;
  }

  long currentWatermark() {
    return lastWatermark;
  }

  WatermarkStatus currentStatus() {
    return lastStatus;
  }

  void inputWatermark(int index, long watermark) throws Exception {
    InputState in = inputs.get(index);
    if (in.finished) {
      return;
    }
    if (in.idle) {
      in.idle = false;
      in.aligned = false;
      becomeActiveIfIdle();
    }
    if (watermark > in.watermark) {
      in.watermark = watermark;
      if (!in.aligned && watermark >= lastWatermark) {
        in.aligned = true;
      }
      emitMinimumOfAligned();
    }
  }

  void inputStatus(int index, WatermarkStatus status) throws Exception {
    InputState in = inputs.get(index);
    if (in.finished) {
      return;
    }
    if (status == WatermarkStatus.IDLE && !in.idle) {
      in.idle = true;
      in.aligned = false;
      leaveOut(in);
    } else if (status == WatermarkStatus.ACTIVE && in.idle) {
      in.idle = false;
      in.aligned = in.watermark >= lastWatermark;
      becomeActiveIfIdle();
    }
  }

  /** The input has ended: it no longer holds the watermark back. */
  void inputFinished(int index) throws Exception {
    InputState in = inputs.get(index);
    if (in.finished) {
      return;
    }
    in.finished = true;
    in.aligned = false;
    leaveOut(in);
  }

  private void leaveOut(InputState in) throws Exception {
    if (allOpenInputsIdle()) {
      if (hasOpenInput()) {
        emitMaximumOfOpen();
        if (lastStatus == WatermarkStatus.ACTIVE) {
          lastStatus = WatermarkStatus.IDLE;
          listener.onStatus(WatermarkStatus.IDLE);
        }
      }
    } else {
      emitMinimumOfAligned();
    }
  }

  private void becomeActiveIfIdle() throws Exception {
    if (lastStatus == WatermarkStatus.IDLE) {
      lastStatus = WatermarkStatus.ACTIVE;
      listener.onStatus(WatermarkStatus.ACTIVE);
    }
  }

  private boolean hasOpenInput() {
    for (InputState in : inputs) {
      if (!in.finished) {
        return true;
      }
    }
    return false;
  }

  private boolean allOpenInputsIdle() {
    for (InputState in : inputs) {
      if (!in.finished && !in.idle) {
        return false;
      }
    }
    return true;
  }

  private void emitMinimumOfAligned() throws Exception {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (InputState in : inputs) {
      if (in.aligned && !in.idle && !in.finished) {
        any = true;
        min = Math.min(min, in.watermark);
      }
    }
    if (any && min > lastWatermark) {
      lastWatermark = min;
      listener.onWatermark(min);
    }
  }

  private void emitMaximumOfOpen() throws Exception {
    long max = Long.MIN_VALUE;
    for (InputState in : inputs) {
      if (!in.finished) {
        max = Math.max(max, in.watermark);
      }
    }
    if (max > lastWatermark) {
      lastWatermark = max;
      listener.onWatermark(max);
    }
  }
}
