package io.nagare.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.runtime.streamrecord.WatermarkStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusWatermarkValveTest {

  /** Records what the valve emits as "wm:N" and "status:S". */
  private final List<String> emitted = new ArrayList<>();

  private StatusWatermarkValve valve(int inputs) {
    return new StatusWatermarkValve(inputs, new StatusWatermarkValve.Listener() {
      @Override
      public void onWatermark(long watermark) {
        emitted.add("wm:" + watermark);
      }

      @Override
      public void onStatus(WatermarkStatus status) {
        emitted.add("status:" + status);
      }
    });
  }

  @Test
  void outputIsTheMinimumOverInputsAndNeverGoesBack() throws Exception {
    StatusWatermarkValve v = valve(2);
    v.inputWatermark(0, 10);
    assertThat(emitted).isEmpty();
    v.inputWatermark(1, 5);
    v.inputWatermark(1, 12);
    v.inputWatermark(0, 11);
    v.inputWatermark(0, 3);
    assertThat(emitted).containsExactly("wm:5", "wm:10", "wm:11");
  }

  @Test
  void idleInputIsLeftOutAndResumesLateUntilItCatchesUp() throws Exception {
    StatusWatermarkValve v = valve(2);
    v.inputWatermark(0, 5);
    v.inputWatermark(1, 5);
    v.inputStatus(1, WatermarkStatus.IDLE);
    v.inputWatermark(0, 20);
    v.inputWatermark(0, 30);
    assertThat(emitted).containsExactly("wm:5", "wm:20", "wm:30");
    assertThat(v.currentStatus()).isEqualTo(WatermarkStatus.ACTIVE);

    v.inputStatus(1, WatermarkStatus.ACTIVE);
    v.inputWatermark(1, 10);
    v.inputWatermark(0, 40);
    assertThat(emitted).containsExactly("wm:5", "wm:20", "wm:30", "wm:40");

    v.inputWatermark(1, 35);
    v.inputWatermark(0, 50);
    assertThat(emitted).containsExactly("wm:5", "wm:20", "wm:30", "wm:40", "wm:50");

    v.inputWatermark(1, 55);
    v.inputWatermark(0, 60);
    assertThat(emitted).containsExactly("wm:5", "wm:20", "wm:30", "wm:40", "wm:50", "wm:55");
  }

  @Test
  void whenEveryInputIsIdleTheOutputAdvancesToTheirMaximumAndGoesIdle() throws Exception {
    StatusWatermarkValve v = valve(2);
    v.inputWatermark(0, 7);
    v.inputWatermark(1, 3);
    v.inputStatus(1, WatermarkStatus.IDLE);
    v.inputStatus(0, WatermarkStatus.IDLE);
    assertThat(emitted).containsExactly("wm:3", "wm:7", "status:IDLE");
    v.inputWatermark(1, 9);
    assertThat(emitted).containsExactly("wm:3", "wm:7", "status:IDLE", "status:ACTIVE", "wm:9");
  }

  @Test
  void finishedInputsNoLongerHoldTheWatermarkBack() throws Exception {
    StatusWatermarkValve v = valve(3);
    v.inputWatermark(0, 4);
    v.inputWatermark(1, 8);
    v.inputFinished(2);
    assertThat(emitted).containsExactly("wm:4");
    v.inputFinished(0);
    assertThat(emitted).containsExactly("wm:4", "wm:8");
    v.inputWatermark(0, 100);
    assertThat(emitted).containsExactly("wm:4", "wm:8");
  }

  @Test
  void inputsAddedLaterHoldTheWatermarkUntilTheyEmit() throws Exception {
    StatusWatermarkValve v = valve(0);
    int a = v.addInput();
    v.inputWatermark(a, 10);
    int b = v.addInput();
    v.inputWatermark(a, 20);
    assertThat(emitted).containsExactly("wm:10");
    v.inputWatermark(b, 15);
    assertThat(emitted).containsExactly("wm:10", "wm:15");
  }
}
