package io.nagare.api.state;

/**
 * Keyed state: a handle whose value belongs to the key of the element (or timer) being processed.
 * Handles are used only on their subtask's thread.
 */
public interface State {
  /** Removes the value for the current key. */
  void clear();
}
