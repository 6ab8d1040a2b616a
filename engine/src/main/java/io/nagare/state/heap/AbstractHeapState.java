package io.nagare.state.heap;

import io.nagare.state.InternalKvState;

/**
 * The common part of heap state handles: the state's table and the namespace the operator set.
 * Every access goes through the {@link StateTable}, for the backend's current key.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <S> stored state type
 */
abstract class AbstractHeapState<K, N, S> implements InternalKvState<N> {
  final StateTable<K, N, S> table;
  private N currentNamespace;

  AbstractHeapState(StateTable<K, N, S> table, N initialNamespace) {
    this.table = table;
    this.currentNamespace = initialNamespace;
  }

  @Override
  public void setCurrentNamespace(N namespace) {
    if (namespace == null) {
      throw new NullPointerException("namespace of keyed state '" + getName() + "'");
    }
    currentNamespace = namespace;
  }

  @Override
  public void clear() {
    table.remove(namespace());
  }

  final String getName() {
    return table.getMetaInfo().getName();
  }

  final StateTable<K, N, S> getTable() {
    return table;
  }

  /** The namespace set last, or null if none was set yet. */
  final N getCurrentNamespace() {
    return currentNamespace;
  }

  /** Sets the namespace back to {@code namespace}, which may be null (no namespace set). */
  final void restoreNamespace(N namespace) {
    currentNamespace = namespace;
  }

  /** The current namespace, which must have been set. */
  final N namespace() {
    N namespace = currentNamespace;
    if (namespace == null) {
      throw new IllegalStateException("Keyed state '" + getName()
          + "' is namespaced (e.g. per window) and was accessed before a namespace was set");
    }
    return namespace;
  }

  final IllegalArgumentException nullRejected(String what) {
    return new IllegalArgumentException("Keyed state '" + getName() + "' does not accept " + what);
  }
}
