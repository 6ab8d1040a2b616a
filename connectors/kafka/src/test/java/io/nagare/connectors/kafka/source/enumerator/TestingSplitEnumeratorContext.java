package io.nagare.connectors.kafka.source.enumerator;

import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * A split enumerator context for tests, driven by the test thread: one-off async calls run at once
 * (callable, then handler); periodic ones are kept and run by {@link #runPeriodicCalls()}. Records
 * every assignment and every "no more splits".
 */
final class TestingSplitEnumeratorContext implements SplitEnumeratorContext<KafkaPartitionSplit> {
  private final int parallelism;
  private final Set<Integer> registered = new TreeSet<>();
  private final Map<Integer, List<KafkaPartitionSplit>> assignments = new LinkedHashMap<>();
  private final Set<Integer> noMoreSplits = new TreeSet<>();
  private final List<Runnable> periodic = new ArrayList<>();
  private final List<Long> periods = new ArrayList<>();

  TestingSplitEnumeratorContext(int parallelism) {
    this.parallelism = parallelism;
  }

  void registerReader(int subtask) {
    registered.add(subtask);
  }

  Map<Integer, List<KafkaPartitionSplit>> assignments() {
    return assignments;
  }

  List<KafkaPartitionSplit> assignedTo(int subtask) {
    return assignments.getOrDefault(subtask, List.of());
  }

  Set<Integer> toldNoMoreSplits() {
    return noMoreSplits;
  }

  List<Long> periods() {
    return periods;
  }

  void runPeriodicCalls() {
    periodic.forEach(Runnable::run);
  }

  @Override
  public int currentParallelism() {
    return parallelism;
  }

  @Override
  public Set<Integer> registeredReaders() {
    return Set.copyOf(registered);
  }

  @Override
  public void assignSplit(KafkaPartitionSplit split, int subtask) {
    assignments.computeIfAbsent(subtask, s -> new ArrayList<>()).add(split);
  }

  @Override
  public void signalNoMoreSplits(int subtask) {
    noMoreSplits.add(subtask);
  }

  @Override
  public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
    run(callable, handler);
  }

  @Override
  public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMillis,
      long periodMillis) {
    periods.add(periodMillis);
    periodic.add(() -> run(callable, handler));
    if (initialDelayMillis == 0) {
      run(callable, handler);
    }
  }

  private static <T> void run(Callable<T> callable, BiConsumer<T, Throwable> handler) {
    T result = null;
    Throwable failure = null;
    try {
      result = callable.call();
    } catch (Throwable t) {
      failure = t;
    }
    handler.accept(result, failure);
  }
}
