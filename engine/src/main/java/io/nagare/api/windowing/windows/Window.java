package io.nagare.api.windowing.windows;

/** A group of elements that a window function sees together, ending at {@link #maxTimestamp()}. */
public interface Window {
  /** The largest timestamp that still belongs to the window. */
  long maxTimestamp();
}
