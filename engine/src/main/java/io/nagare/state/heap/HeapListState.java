package io.nagare.state.heap;

import io.nagare.api.state.ListState;
import io.nagare.state.InternalAppendingState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link ListState} on the heap: an {@link ArrayList} per key and namespace, returned itself by
 * {@link #get()} (an empty list, never null, when there is none). Null elements and null lists are
 * rejected; an empty list removes the entry.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <E> element type
 */
final class HeapListState<K, N, E> extends AbstractHeapMergingState<K, N, List<E>>
    implements ListState<E>, InternalAppendingState<N, E> {
  private final StateTransformation<List<E>, E> append = (list, element) -> {
    List<E> target = list != null ? list : new ArrayList<>();
    target.add(element);
    return target;
  };

  private final StateTransformation<List<E>, List<E>> appendAll = (list, elements) -> {
    if (list == null) {
      return new ArrayList<>(elements);
    }
    list.addAll(elements);
    return list;
  };

  HeapListState(StateTable<K, N, List<E>> table, N initialNamespace) {
    super(table, initialNamespace);
  }

  @Override
  public Iterable<E> get() {
    List<E> list = table.get(namespace());
    return list != null ? list : Collections.emptyList();
  }

  @Override
  public void add(E value) throws Exception {
    addAndReportCreated(value);
  }

  @Override
  public boolean addAndReportCreated(E value) throws Exception {
    if (value == null) {
      throw nullRejected("null list elements");
    }
    return table.transform(namespace(), value, append);
  }

  @Override
  public void update(List<E> values) {
    checkElements(values);
    if (values.isEmpty()) {
      table.remove(namespace());
    } else {
      table.put(namespace(), new ArrayList<>(values));
    }
  }

  @Override
  public void addAll(List<E> values) throws Exception {
    checkElements(values);
    if (!values.isEmpty()) {
      table.transform(namespace(), values, appendAll);
    }
  }

  @Override
  List<E> merge(List<E> first, List<E> second) {
    first.addAll(second);
    return first;
  }

  private void checkElements(List<E> values) {
    if (values == null) {
      throw nullRejected("a null list (pass an empty list to clear it)");
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw nullRejected("null list elements (element " + i + " of the given list is null)");
      }
    }
  }
}
