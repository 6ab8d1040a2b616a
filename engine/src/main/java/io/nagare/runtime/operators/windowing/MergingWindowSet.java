package io.nagare.runtime.operators.windowing;

import io.nagare.api.state.MapState;
import io.nagare.api.windowing.assigners.MergingWindowAssigner;
import io.nagare.api.windowing.windows.Window;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The merging windows of one key, each mapped to its <em>state window</em>: the namespace its
 * contents are kept under. When windows merge, the result keeps one of their state windows and the
 * others' contents are merged into it, so contents never move more than once.
 *
 * <p>One instance serves its operator for every key: {@link #load} reads the current key's set from
 * keyed map state around each element or timer and {@link #persist} writes back only the entries
 * that changed. A key has few windows (a session usually one), so the set is two parallel lists
 * searched linearly, which costs less per element than hashing. Subtask thread only.
 */
final class MergingWindowSet<W extends Window> {
  /** Told about each merge so contents, trigger state and timers follow. */
  interface MergeFunction<W> {
    /**
     * @param mergeResult the new window
     * @param mergedWindows the windows that disappear into it
     * @param stateWindow the namespace that keeps the merged contents
     * @param mergedStateWindows the namespaces whose contents move into {@code stateWindow}
     */
    void merge(W mergeResult, List<W> mergedWindows, W stateWindow, List<W> mergedStateWindows) throws Exception;
  }

  private final MergingWindowAssigner<?, W> assigner;
  private final MapState<W, W> state;
  private final ArrayList<W> windows = new ArrayList<>();
  private final ArrayList<W> stateWindows = new ArrayList<>();
  /** Windows whose entries left the set since {@link #load}; written out by {@link #persist}. */
  private final ArrayList<W> removed = new ArrayList<>();
  /** Windows whose entries were added or changed since {@link #load}. */
  private final ArrayList<W> written = new ArrayList<>();
  private final ArrayList<W> candidates = new ArrayList<>();

  MergingWindowSet(MergingWindowAssigner<?, W> assigner, MapState<W, W> state) {
    this.assigner = assigner;
    this.state = state;
  }

  /** Reads the set of the current key, forgetting the previous key's. */
  void load() throws Exception {
    windows.clear();
    stateWindows.clear();
    removed.clear();
    written.clear();
    for (Map.Entry<W, W> e : state.entries()) {
      windows.add(e.getKey());
      stateWindows.add(e.getValue());
    }
  }

  /** The state window of {@code window}, or null if the window is not (or no longer) in the set. */
  W getStateWindow(W window) {
    int i = windows.indexOf(window);
    return i < 0 ? null : stateWindows.get(i);
  }

  void retireWindow(W window) {
    int i = windows.indexOf(window);
    if (i < 0) {
      throw new IllegalStateException("Window " + window + " is not in the merging window set");
    }
    removeAt(i);
  }

  private W removeAt(int i) {
    W window = windows.get(i);
    int last = windows.size() - 1;
    W stateWindow = stateWindows.get(i);
    windows.set(i, windows.get(last));
    stateWindows.set(i, stateWindows.get(last));
    windows.remove(last);
    stateWindows.remove(last);
    removed.add(window);
    return stateWindow;
  }

  private void put(W window, W stateWindow) {
    int i = windows.indexOf(window);
    if (i < 0) {
      windows.add(window);
      stateWindows.add(stateWindow);
    } else {
      stateWindows.set(i, stateWindow);
    }
    written.add(window);
  }

  /**
   * Adds {@code newWindow}, merging it with existing windows as the assigner says; returns the
   * window it ended up in (itself, or the result of a merge).
   */
  W addWindow(W newWindow, MergeFunction<W> mergeFunction) throws Exception {
    if (windows.isEmpty()) {
      put(newWindow, newWindow);
      return newWindow;
    }
    candidates.clear();
    candidates.addAll(windows);
    if (!windows.contains(newWindow)) {
      candidates.add(newWindow);
    }
    List<Merge<W>> merges = new ArrayList<>(1);
    assigner.mergeWindows(candidates, (members, mergeResult) -> merges.add(new Merge<>(mergeResult, members)));
    W result = newWindow;
    for (Merge<W> m : merges) {
      if (m.members.contains(newWindow)) {
        result = m.result;
      }
      W stateWindow = null;
      List<W> mergedStateWindows = new ArrayList<>();
      List<W> mergedWindows = new ArrayList<>();
      for (W w : m.members) {
        int i = windows.indexOf(w);
        if (i < 0) {
          continue;
        }
        W s = removeAt(i);
        if (stateWindow == null) {
          stateWindow = s;
        } else if (!s.equals(stateWindow)) {
          mergedStateWindows.add(s);
        }
        if (!w.equals(m.result)) {
          mergedWindows.add(w);
        }
      }
      if (stateWindow == null) {
        continue;
      }
      put(m.result, stateWindow);
      if (!mergedWindows.isEmpty() || !mergedStateWindows.isEmpty()) {
        mergeFunction.merge(m.result, mergedWindows, stateWindow, mergedStateWindows);
      }
    }
    if (!windows.contains(result)) {
      put(result, result);
    }
    return result;
  }

  private record Merge<W>(W result, Collection<W> members) {}

  /**
   * Writes back to keyed state the entries that changed since {@link #load}: puts before removes,
   * so a session that grew (its old window replaced by the merged one) never leaves the key's map
   * empty in between, which would drop the map and make a new one for the put.
   */
  void persist() throws Exception {
    for (W window : written) {
      int i = windows.indexOf(window);
      if (i >= 0) {
        state.put(window, stateWindows.get(i));
      }
    }
    for (W window : removed) {
      if (!windows.contains(window)) {
        state.remove(window);
      }
    }
    removed.clear();
    written.clear();
  }
}
