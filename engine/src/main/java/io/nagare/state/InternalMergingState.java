package io.nagare.state;

import java.util.Collection;

/**
 * A keyed state whose values in several namespaces can be combined into one, as merging (session)
 * windows need: list, reducing and aggregating state.
 *
 * <p>Used on the subtask's thread only, like every state handle.
 *
 * @param <N> namespace type
 */
public interface InternalMergingState<N> extends InternalKvState<N> {

  /**
   * For the current key, combines the values in {@code sources} into the value in {@code target}
   * and removes the sources' values. Namespaces without a value are skipped; {@code target} may
   * also appear among the sources.
   */
  void mergeNamespaces(N target, Collection<N> sources) throws Exception;
}
