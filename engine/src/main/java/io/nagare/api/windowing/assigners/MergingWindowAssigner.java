package io.nagare.api.windowing.assigners;

import io.nagare.api.windowing.windows.Window;
import java.util.Collection;

/** An assigner whose windows can merge as elements arrive (sessions). */
public abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  private static final long serialVersionUID = 1L;

  /** Finds the windows among {@code windows} that merge, reporting each group to {@code callback}. */
  public abstract void mergeWindows(Collection<W> windows, MergeCallback<W> callback);

  /** Receives one group of windows that merge and their result. */
  public interface MergeCallback<W> {
    void merge(Collection<W> toBeMerged, W mergeResult);
  }
}
