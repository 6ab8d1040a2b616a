package io.nagare.api.environment;

/** The guarantee checkpoints give for state after a restore. */
public enum CheckpointingMode {
  /**
   * Every record affects restored state exactly once: an operator with several input channels holds
   * back a channel whose barrier arrived until all channels' barriers have (alignment).
   */
  EXACTLY_ONCE,
  /** No alignment, so no input waits; after a restore some records may have affected state twice. */
  AT_LEAST_ONCE
}
