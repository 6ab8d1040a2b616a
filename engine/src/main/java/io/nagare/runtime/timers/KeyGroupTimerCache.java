package io.nagare.runtime.timers;

import io.nagare.state.KeyGroupedTimerStore;
import io.nagare.state.KeyGroupedTimerStore.Entry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first timers of one key group of a {@link KeyGroupedTimerStore}, in memory, so the head of
 * the key group is known without reading the store. It holds exactly the stored timers up to a
 * bound (all of them once it is complete): a timer at or below the bound is added to both, one
 * above it only to the store; when the cache overflows it drops its last and lowers the bound to the
 * new last; when it runs empty it reads the next {@value #SIZE} timers after the bound, so a read
 * never passes over timers that were deleted before the bound. Since the cache knows every timer up
 * to the bound, adding one it holds writes nothing, and deleting one below the bound that it does
 * not hold writes nothing either.
 *
 * <p>Owned by the subtask's thread.
 */
final class KeyGroupTimerCache {
  static final int SIZE = 32;

  private final KeyGroupedTimerStore store;
  private final int keyGroup;
  private final List<Entry> cache = new ArrayList<>(SIZE + 1);
  /** Every stored timer up to this one is in the cache; null: none yet (read from the first). */
  private Entry bound;
  /** The cache holds every stored timer of the key group. */
  private boolean complete;

  KeyGroupTimerCache(KeyGroupedTimerStore store, int keyGroup) {
    this.store = store;
    this.keyGroup = keyGroup;
  }

  private boolean covers(Entry timer) {
    return complete || (bound != null && timer.compareTo(bound) <= 0);
  }

  /** Adds {@code timer}; false if it was there already (known only below the bound). */
  boolean add(Entry timer) {
    if (!covers(timer)) {
      store.add(keyGroup, timer);
      return true;
    }
    int at = Collections.binarySearch(cache, timer);
    if (at >= 0) {
      return false;
    }
    cache.add(-at - 1, timer);
    store.add(keyGroup, timer);
    if (cache.size() > SIZE) {
      cache.remove(cache.size() - 1);
      bound = cache.get(cache.size() - 1);
      complete = false;
    }
    return true;
  }

  void remove(Entry timer) {
    if (!covers(timer)) {
      store.delete(keyGroup, timer);
      return;
    }
    int at = Collections.binarySearch(cache, timer);
    if (at >= 0) {
      cache.remove(at);
      store.delete(keyGroup, timer);
    }
  }

  /** The earliest timer of the key group, or null if it has none. */
  Entry head() {
    if (cache.isEmpty() && !complete) {
      List<Entry> next = store.read(keyGroup, bound, SIZE);
      cache.addAll(next);
      if (next.size() < SIZE) {
        complete = true;
      } else {
        bound = next.get(next.size() - 1);
      }
    }
    return cache.isEmpty() ? null : cache.get(0);
  }

  /** Removes the earliest timer, which {@link #head()} returned. */
  void removeHead() {
    store.delete(keyGroup, cache.remove(0));
  }

  /** The number of timers of the key group. */
  int size() {
    return complete ? cache.size() : store.count(keyGroup);
  }
}
