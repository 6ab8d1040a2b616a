package io.nagare.examples.nexmark.source;

import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * Gives each reader that asks the splits whose index is its subtask index modulo the current
 * parallelism (so split {@code k} goes to subtask {@code k} when the parallelism is unchanged), then
 * tells it that no more will come. Its checkpoint is the splits not assigned yet. Runs on the
 * source coordinator's thread, which owns {@link #pending}.
 */
final class NexmarkSplitEnumerator implements SplitEnumerator<NexmarkSplit, Collection<NexmarkSplit>> {
  private final SplitEnumeratorContext<NexmarkSplit> context;
  private final TreeMap<Integer, NexmarkSplit> pending = new TreeMap<>();

  NexmarkSplitEnumerator(SplitEnumeratorContext<NexmarkSplit> context, Collection<NexmarkSplit> splits) {
    this.context = context;
    for (NexmarkSplit split : splits) {
      pending.put(split.index(), split);
    }
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtask) {
    int parallelism = context.currentParallelism();
    Iterator<NexmarkSplit> it = pending.values().iterator();
    while (it.hasNext()) {
      NexmarkSplit split = it.next();
      if (split.index() % parallelism == subtask) {
        context.assignSplit(split, subtask);
        it.remove();
      }
    }
    context.signalNoMoreSplits(subtask);
  }

  @Override
  public void addSplitsBack(List<NexmarkSplit> splits, int subtask) {
    for (NexmarkSplit split : splits) {
      pending.put(split.index(), split);
    }
  }

  @Override
  public void addReader(int subtask) {}

  @Override
  public Collection<NexmarkSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(pending.values());
  }
}
