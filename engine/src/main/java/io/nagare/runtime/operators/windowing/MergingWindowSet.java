package io.nagare.runtime.operators.windowing;

import io.nagare.api.state.MapState;
import io.nagare.api.windowing.assigners.MergingWindowAssigner;
import io.nagare.api.windowing.windows.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merging windows of one key, each mapped to its <em>state window</em>: the namespace its
 * contents are kept under. When windows merge, the result keeps one of their state windows and the
 * others' contents are merged into it, so contents never move more than once. Loaded from and
 * persisted to keyed map state around each element or timer; subtask thread only.
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
  private final Map<W, W> mapping = new HashMap<>();
  private boolean changed;

  MergingWindowSet(MergingWindowAssigner<?, W> assigner, MapState<W, W> state) throws Exception {
    this.assigner = assigner;
    this.state = state;
    for (Map.Entry<W, W> e : state.entries()) {
      mapping.put(e.getKey(), e.getValue());
    }
  }

  /** The state window of {@code window}, or null if the window is not (or no longer) in the set. */
  W getStateWindow(W window) {
    return mapping.get(window);
  }

  void retireWindow(W window) {
    if (mapping.remove(window) == null) {
      throw new IllegalStateException("Window " + window + " is not in the merging window set");
    }
    changed = true;
  }

  /**
   * Adds {@code newWindow}, merging it with existing windows as the assigner says; returns the
   * window it ended up in (itself, or the result of a merge).
   */
  W addWindow(W newWindow, MergeFunction<W> mergeFunction) throws Exception {
    List<W> windows = new ArrayList<>(mapping.keySet());
    if (!mapping.containsKey(newWindow)) {
      windows.add(newWindow);
    }
    List<Object[]> merges = new ArrayList<>();
    assigner.mergeWindows(windows, (toBeMerged, mergeResult) -> merges.add(new Object[] {mergeResult, toBeMerged}));
    W result = newWindow;
    for (Object[] m : merges) {
      @SuppressWarnings("unchecked")
      W mergeResult = (W) m[0];
      @SuppressWarnings("unchecked")
      java.util.Collection<W> members = (java.util.Collection<W>) m[1];
      if (members.contains(newWindow)) {
        result = mergeResult;
      }
      List<W> existing = new ArrayList<>();
      for (W w : members) {
        if (mapping.containsKey(w)) {
          existing.add(w);
        }
      }
      if (existing.isEmpty()) {
        continue;
      }
      W stateWindow = mapping.get(existing.get(0));
      List<W> mergedStateWindows = new ArrayList<>();
      List<W> mergedWindows = new ArrayList<>();
      for (W w : existing) {
        W s = mapping.remove(w);
        if (!s.equals(stateWindow)) {
          mergedStateWindows.add(s);
        }
        if (!w.equals(mergeResult)) {
          mergedWindows.add(w);
        }
      }
      mapping.put(mergeResult, stateWindow);
      changed = true;
      if (!mergedWindows.isEmpty() || !mergedStateWindows.isEmpty()) {
        mergeFunction.merge(mergeResult, mergedWindows, stateWindow, mergedStateWindows);
      }
    }
    if (!mapping.containsKey(result)) {
      mapping.put(result, result);
      changed = true;
    }
    return result;
  }

  /** Writes the set back to keyed state if it changed. */
  void persist() throws Exception {
    if (changed) {
      state.clear();
      for (Map.Entry<W, W> e : mapping.entrySet()) {
        state.put(e.getKey(), e.getValue());
      }
      changed = false;
    }
  }
}
