package io.nagare.api.source;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * What an enumerator can do: see the readers, hand them splits, and run blocking work (listing a
 * Kafka topic's partitions, say) off the enumerator's thread. Used on the enumerator's thread.
 */
public interface SplitEnumeratorContext<SplitT extends SourceSplit> {
  int currentParallelism();

  /** The subtasks whose readers have registered. */
  Set<Integer> registeredReaders();

  void assignSplit(SplitT split, int subtask);

  /** Tells {@code subtask}'s reader that it gets no more splits. */
  void signalNoMoreSplits(int subtask);

  /**
   * Runs {@code callable} once on a worker thread of this source and hands its result or failure to
   * {@code handler} on the enumerator's thread. An exception thrown by the handler fails the job.
   */
  <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler);

  /**
   * Runs {@code callable} on a worker thread after {@code initialDelayMillis} and then every {@code
   * periodMillis} (each run after the previous one's handler), handing each result or failure to
   * {@code handler} on the enumerator's thread. Stops when the enumerator closes.
   */
  <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMillis,
      long periodMillis);
}
