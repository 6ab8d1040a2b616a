package io.nagare.api.eventtime;

/**
 * Where a {@link WatermarkGenerator} emits. Watermarks that do not advance past the last one are
 * ignored, so a generator may emit freely.
 */
public interface WatermarkOutput {
  /** Advances event time to {@code watermark}; also marks the output active again if it was idle. */
  void emitWatermark(Watermark watermark);

  /**
   * Marks this output idle: it expects no elements for a while, so downstream operators leave it
   * out when they take the minimum watermark over their inputs. It becomes active again with its
   * next element or watermark.
   */
  void markIdle();

  /** Marks this output active again without emitting a watermark. */
  void markActive();
}
