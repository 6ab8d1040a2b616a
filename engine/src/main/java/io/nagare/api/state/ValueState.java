package io.nagare.api.state;

import java.io.IOException;

/** One value per key. */
public interface ValueState<T> extends State {
  /** The current key's value, or the descriptor's default (null unless one was given). */
  T value() throws IOException;

  /** Sets the current key's value; null clears it. */
  void update(T value) throws IOException;
}
