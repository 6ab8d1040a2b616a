package io.nagare.state.heap;

import io.nagare.state.InternalMergingState;
import java.util.Collection;
import java.util.Objects;

/**
 * A heap state whose values in several namespaces can be merged (list, reducing, aggregating).
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <S> stored state type
 */
abstract class AbstractHeapMergingState<K, N, S> extends AbstractHeapState<K, N, S> implements InternalMergingState<N> {
  private final StateTransformation<S, S> mergeIntoTarget = (target, merged) -> target == null ? merged : merge(target, merged);

  AbstractHeapMergingState(StateTable<K, N, S> table, N initialNamespace) {
    super(table, initialNamespace);
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
    Objects.requireNonNull(target, "target namespace");
    S merged = null;
    for (N source : sources) {
      S state = table.removeAndGet(Objects.requireNonNull(source, "source namespace"));
      if (state != null) {
        merged = merged == null ? state : merge(merged, state);
      }
    }
    if (merged != null) {
      table.transform(target, merged, mergeIntoTarget);
    }
  }

  /** Combines two stored values; may reuse {@code first}. */
  abstract S merge(S first, S second) throws Exception;
}
