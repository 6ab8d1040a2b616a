package io.nagare.runtime.streamrecord;

/**
 * Whether a stream currently carries progress. An IDLE stream sends neither records nor watermarks
 * for a while (a quiet source split, a source subtask without splits), so operators downstream
 * leave it out of the minimum watermark over their inputs until it is ACTIVE again.
 */
public enum WatermarkStatus {
  ACTIVE,
  IDLE
}
