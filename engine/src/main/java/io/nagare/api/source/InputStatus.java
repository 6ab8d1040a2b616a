package io.nagare.api.source;

/** What a {@link SourceReader#pollNext} call tells the runtime. */
public enum InputStatus {
  /** Call again right away. */
  MORE_AVAILABLE,
  /** Nothing now: wait for {@link SourceReader#isAvailable()} to complete. */
  NOTHING_AVAILABLE,
  /** This reader has read all its splits and will get no more. */
  END_OF_INPUT
}
