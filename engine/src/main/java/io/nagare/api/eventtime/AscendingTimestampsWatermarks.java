package io.nagare.api.eventtime;

import java.time.Duration;

/** Watermarks for timestamps that never decrease: the largest timestamp seen minus one millisecond. */
public class AscendingTimestampsWatermarks<T> extends BoundedOutOfOrdernessWatermarks<T> {
  public AscendingTimestampsWatermarks() {
    super(Duration.ZERO);
  }
}
