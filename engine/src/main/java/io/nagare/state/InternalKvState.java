package io.nagare.state;

import io.nagare.api.state.State;

/**
 * A keyed state handle as the runtime sees it: bound to the backend's current key and to a
 * namespace the operator sets (a window, or {@link VoidNamespace}).
 *
 * @param <N> namespace type
 */
public interface InternalKvState<N> extends State {
  void setCurrentNamespace(N namespace);
}
