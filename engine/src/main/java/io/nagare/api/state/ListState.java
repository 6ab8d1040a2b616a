package io.nagare.api.state;

import java.util.List;

/** A list of values per key. {@link #get()} returns an empty iterable, never null, when empty. */
public interface ListState<T> extends AppendingState<T, Iterable<T>> {
  /** Replaces the current key's list. */
  void update(List<T> values) throws Exception;

  void addAll(List<T> values) throws Exception;
}
