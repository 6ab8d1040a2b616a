package io.nagare.runtime.source;

import io.nagare.api.source.Source;
import io.nagare.api.source.SourceSplit;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.runtime.tasks.SourceCoordinatorGateway;
import io.nagare.runtime.tasks.SourceReaderGateway;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Runs one source's {@link SplitEnumerator} for a job: creates it lazily when the first reader
 * registers, and passes reader registrations and split requests to it. Every enumerator call runs
 * on the coordinator executor's single thread, which owns the enumerator and {@code readers}; a
 * failure there fails the job through {@code failJob}.
 */
public final class SourceCoordinator<SplitT extends SourceSplit> implements SourceCoordinatorGateway {
  private final String sourceName;
  private final Source<?, SplitT, ?> source;
  private final int parallelism;
  private final ExecutorService executor;
  private final Consumer<Throwable> failJob;
  private final SourceReaderGateway[] readers;
  private final Set<Integer> registered = new TreeSet<>();
  private SplitEnumerator<SplitT, ?> enumerator;

  public SourceCoordinator(String sourceName, Source<?, SplitT, ?> source, int parallelism, ExecutorService executor,
      Consumer<Throwable> failJob) {
    this.sourceName = sourceName;
    this.source = source;
    this.parallelism = parallelism;
    this.executor = executor;
    this.failJob = failJob;
    this.readers = new SourceReaderGateway[parallelism];
  }

  @Override
  public void registerReader(int subtask, SourceReaderGateway reader) {
    run(() -> {
      readers[subtask] = reader;
      registered.add(subtask);
      enumerator().addReader(subtask);
    });
  }

  @Override
  public void requestSplit(int subtask) {
    run(() -> enumerator().handleSplitRequest(subtask));
  }

  private SplitEnumerator<SplitT, ?> enumerator() throws Exception {
    if (enumerator == null) {
      enumerator = source.createEnumerator(new Context());
      enumerator.start();
    }
    return enumerator;
  }

  private void run(ThrowingAction action) {
    executor.execute(() -> {
      try {
        action.run();
      } catch (Throwable t) {
        failJob.accept(new SourceCoordinatorException("The split enumerator of '" + sourceName + "' failed: " + t, t));
      }
    });
  }

  /** Closes the enumerator on the coordinator thread. */
  public void close() {
    run(() -> {
      if (enumerator != null) {
        enumerator.close();
      }
    });
  }

  @FunctionalInterface
  private interface ThrowingAction {
    void run() throws Exception;
  }

  private final class Context implements SplitEnumeratorContext<SplitT> {
    @Override
    public int currentParallelism() {
      return parallelism;
    }

    @Override
    public Set<Integer> registeredReaders() {
      return Set.copyOf(registered);
    }

    @Override
    public void assignSplit(SplitT split, int subtask) {
      readers[subtask].addSplits(List.of(split));
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
      readers[subtask].noMoreSplits();
    }
  }
}
