package io.nagare.connectors.base;

import io.nagare.api.source.SourceSplit;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Hands out a fixed set of splits on request, first come first served; a reader that asks when
 * none are left is told there will be no more. Its checkpoint is the unassigned splits. Runs on the
 * source coordinator's thread.
 */
public final class QueueSplitEnumerator<SplitT extends SourceSplit> implements SplitEnumerator<SplitT, Collection<SplitT>> {
  private final SplitEnumeratorContext<SplitT> context;
  private final ArrayDeque<SplitT> remaining;

  public QueueSplitEnumerator(SplitEnumeratorContext<SplitT> context, Collection<SplitT> splits) {
    this.context = context;
    this.remaining = new ArrayDeque<>(splits);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtask) {
    SplitT next = remaining.poll();
    if (next != null) {
      context.assignSplit(next, subtask);
    } else {
      context.signalNoMoreSplits(subtask);
    }
  }

  @Override
  public void addSplitsBack(List<SplitT> splits, int subtask) {
    remaining.addAll(splits);
  }

  @Override
  public void addReader(int subtask) {}

  @Override
  public Collection<SplitT> snapshotState(long checkpointId) {
    return new ArrayList<>(remaining);
  }
}
