package io.nagare.runtime.source;

import io.nagare.api.source.Source;
import io.nagare.api.source.SourceSplit;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.runtime.executor.HelperThreads;
import io.nagare.runtime.tasks.SourceCoordinatorGateway;
import io.nagare.runtime.tasks.SourceReaderGateway;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs one source's {@link SplitEnumerator} for a job: creates it lazily when the first reader
 * registers, and passes reader registrations and split requests to it. Every enumerator call runs
 * on the coordinator executor's single thread, which owns the enumerator and {@code readers}; a
 * failure there fails the job through {@code failJob}. Blocking work the enumerator asks for
 * ({@link SplitEnumeratorContext#callAsync}) runs on a worker thread of its own, created on first
 * use, whose results come back to the coordinator thread.
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
  /** The enumerator checkpoint to restore from (version, bytes), or null for a fresh start. */
  private final int restoredVersion;
  private final int vertexId;
  private final byte[] restoredEnumerator;
  /** Runs the enumerator's blocking calls; created on first use on the coordinator thread, stopped by {@link #close()}. */
  private ScheduledExecutorService worker;
  private volatile boolean closed;

  public SourceCoordinator(String sourceName, Source<?, SplitT, ?> source, int parallelism, ExecutorService executor,
      Consumer<Throwable> failJob) {
    this(-1, sourceName, source, parallelism, executor, failJob, 0, null);
  }

  /** A coordinator whose enumerator resumes from a checkpoint ({@code restoredEnumerator} as its serializer wrote it). */
  public SourceCoordinator(int vertexId, String sourceName, Source<?, SplitT, ?> source, int parallelism,
      ExecutorService executor, Consumer<Throwable> failJob, int restoredVersion, byte[] restoredEnumerator) {
    this.vertexId = vertexId;
    this.restoredVersion = restoredVersion;
    this.restoredEnumerator = restoredEnumerator;
    this.sourceName = sourceName;
    this.source = source;
    this.parallelism = parallelism;
    this.executor = executor;
    this.failJob = failJob;
    this.readers = new SourceReaderGateway[parallelism];
  }

  /** The job vertex of the source (-1 if not part of a job graph). */
  public int vertexId() {
    return vertexId;
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
      enumerator = restoredEnumerator == null ? source.createEnumerator(new Context()) : restore(source);
      enumerator.start();
    }
    return enumerator;
  }

  private <C> SplitEnumerator<SplitT, ?> restore(Source<?, SplitT, C> s) throws Exception {
    C checkpoint = s.getEnumeratorCheckpointSerializer().deserialize(restoredVersion, restoredEnumerator);
    return s.restoreEnumerator(new Context(), checkpoint);
  }

  /**
   * On the coordinator thread: snapshots the enumerator, then triggers the source's subtasks. Doing
   * both in one step keeps the two consistent: a split assigned before the snapshot reaches its
   * reader's mailbox before the trigger does (so the reader's snapshot has it), one assigned after
   * arrives after the trigger (so the enumerator's snapshot has it).
   *
   * @param onSnapshot receives the serializer version and the enumerator's checkpoint bytes
   */
  public void snapshotAndTrigger(long checkpointId, Runnable triggerSubtasks, EnumeratorSnapshotConsumer onSnapshot) {
    run(() -> {
      onSnapshot.accept(snapshot(source, checkpointId));
      triggerSubtasks.run();
    });
  }

  /** Receives an enumerator snapshot. */
  @FunctionalInterface
  public interface EnumeratorSnapshotConsumer {
    void accept(byte[] versionAndBytes) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private <C> byte[] snapshot(Source<?, SplitT, C> s, long checkpointId) throws Exception {
    C state = ((SplitEnumerator<SplitT, C>) enumerator()).snapshotState(checkpointId);
    byte[] bytes = s.getEnumeratorCheckpointSerializer().serialize(state);
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 + bytes.length);
    buffer.putInt(s.getEnumeratorCheckpointSerializer().getVersion()).put(bytes);
    return buffer.array();
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

  /** Closes the enumerator on the coordinator thread and stops its worker. */
  public void close() {
    run(() -> {
      closed = true;
      if (worker != null) {
        worker.shutdownNow();
      }
      if (enumerator != null) {
        enumerator.close();
      }
    });
  }

  private ScheduledExecutorService worker() {
    if (worker == null) {
      worker = Executors.newSingleThreadScheduledExecutor(HelperThreads.daemon("nagare-source-worker " + sourceName,
          source.getClass().getClassLoader()));
    }
    return worker;
  }

  /** Calls {@code callable} on the worker thread and hands the outcome to {@code handler} on the coordinator thread. */
  private <T> void callAndHandBack(Callable<T> callable, BiConsumer<T, Throwable> handler) {
    T result = null;
    Throwable failure = null;
    try {
      result = callable.call();
    } catch (Throwable t) {
      failure = t;
    }
    T r = result;
    Throwable f = failure;
    if (!closed) {
      try {
        run(() -> handler.accept(r, f));
      } catch (RejectedExecutionException e) {
        if (!closed) {
          throw e;
        }
      }
    }
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

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
      worker().execute(() -> callAndHandBack(callable, handler));
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMillis,
        long periodMillis) {
      worker().scheduleWithFixedDelay(() -> callAndHandBack(callable, handler), initialDelayMillis, periodMillis,
          TimeUnit.MILLISECONDS);
    }
  }
}
