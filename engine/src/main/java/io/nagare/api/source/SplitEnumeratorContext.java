package io.nagare.api.source;

import java.util.Set;

/** What an enumerator can do: see the readers and hand them splits. */
public interface SplitEnumeratorContext<SplitT extends SourceSplit> {
  int currentParallelism();

  /** The subtasks whose readers have registered. */
  Set<Integer> registeredReaders();

  void assignSplit(SplitT split, int subtask);

  /** Tells {@code subtask}'s reader that it gets no more splits. */
  void signalNoMoreSplits(int subtask);
}
