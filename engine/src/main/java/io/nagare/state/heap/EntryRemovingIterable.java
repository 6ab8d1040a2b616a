package io.nagare.state.heap;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A view of a stored map (its entries, keys or values) whose iterators, when {@code remove()}
 * empties the map, also remove the map's state entry, so no empty entry lingers.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <T> element type of the view
 */
final class EntryRemovingIterable<T> implements Iterable<T> {
  private final Collection<T> view;
  private final Map<?, ?> backingMap;
  private final Runnable entryRemover;

  EntryRemovingIterable(Collection<T> view, Map<?, ?> backingMap, Runnable entryRemover) {
    this.view = view;
    this.backingMap = backingMap;
    this.entryRemover = entryRemover;
  }

  @Override
  public Iterator<T> iterator() {
    Iterator<T> delegate = view.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return delegate.hasNext();
      }

      @Override
      public T next() {
        return delegate.next();
      }

      @Override
      public void remove() {
        delegate.remove();
        if (backingMap.isEmpty()) {
          entryRemover.run();
        }
      }
    };
  }

  @Override
  public String toString() {
    return view.toString();
  }
}
