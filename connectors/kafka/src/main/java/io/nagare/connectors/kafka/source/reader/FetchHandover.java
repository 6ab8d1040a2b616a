package io.nagare.connectors.kafka.source.reader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place where a reader's subtask thread and its fetcher thread meet. Batches go from the
 * fetcher to the subtask, at most {@code capacity} at a time: a fetcher whose batch does not fit
 * waits (and so stops polling Kafka) until the subtask takes one, which is the back-pressure.
 * Commands go the other way and wake the fetcher from that wait and, through {@code fetcherWaker}
 * (the consumer's {@code wakeup()}), from a poll. A fetcher failure is handed over after the
 * batches fetched before it.
 *
 * <p>Every field is guarded by {@code lock}, except {@code fetcherWaker} (volatile, set once by the
 * fetcher when its consumer exists). The subtask thread's availability future completes when a
 * batch or a failure arrives, or when the subtask thread itself has news for its next poll.
 */
final class FetchHandover {
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<FetchedBatch> batches = new ArrayDeque<>();
  private final List<FetcherCommand> commands = new ArrayList<>();
  private Throwable failure;
  private boolean closed;
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private volatile Runnable fetcherWaker;

  FetchHandover(int capacity) {
    this.capacity = capacity;
  }

  // ---- subtask thread ----

  /** The next batch, or null if none is there; throws the fetcher's failure once its batches are taken. */
  FetchedBatch poll() {
    lock.lock();
    try {
      FetchedBatch batch = batches.poll();
      if (batch != null) {
        changed.signalAll();
        return batch;
      }
      if (failure != null) {
        throw new FetcherFailure(failure);
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** Completes when {@link #poll} has something, or {@link #wakeUpReader} is called; stays complete until {@link #expectNothing}. */
  CompletableFuture<Void> available() {
    lock.lock();
    try {
      return available;
    } finally {
      lock.unlock();
    }
  }

  /** The subtask found nothing to do: from now on, {@link #available} completes only on news. */
  void expectNothing() {
    lock.lock();
    try {
      if (available.isDone() && batches.isEmpty() && failure == null) {
        available = new CompletableFuture<>();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Makes the subtask poll again (it got splits, or was told there are no more). */
  void wakeUpReader() {
    CompletableFuture<Void> f;
    lock.lock();
    try {
      f = available;
    } finally {
      lock.unlock();
    }
    f.complete(null);
  }

  /** Hands {@code command} to the fetcher and wakes it. */
  void command(FetcherCommand command) {
    lock.lock();
    try {
      commands.add(command);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    wakeFetcher();
  }

  /** Stops the fetcher: it leaves its wait or poll, and its next batch is not taken. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    wakeFetcher();
  }

  private void wakeFetcher() {
    Runnable waker = fetcherWaker;
    if (waker != null) {
      waker.run();
    }
  }

  // ---- fetcher thread ----

  void setFetcherWaker(Runnable waker) {
    fetcherWaker = waker;
  }

  /** The commands handed over since the last call, or null once the handover is closed. */
  List<FetcherCommand> takeCommands() {
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      List<FetcherCommand> taken = new ArrayList<>(commands);
      commands.clear();
      return taken;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands {@code batch} to the subtask thread, waiting while the handover is full; returns false
   * without handing it over if a command arrives or the handover closes meanwhile.
   */
  boolean put(FetchedBatch batch) throws InterruptedException {
    CompletableFuture<Void> toComplete;
    lock.lock();
    try {
      while (batches.size() >= capacity) {
        if (closed || !commands.isEmpty()) {
          return false;
        }
        changed.await();
      }
      batches.add(batch);
      toComplete = available;
    } finally {
      lock.unlock();
    }
    toComplete.complete(null);
    return true;
  }

  /** Waits until a command arrives or the handover closes. */
  void awaitCommand() throws InterruptedException {
    lock.lock();
    try {
      while (commands.isEmpty() && !closed) {
        changed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The fetcher failed: the subtask thread gets {@code t} after the batches before it. */
  void fail(Throwable t) {
    CompletableFuture<Void> toComplete;
    lock.lock();
    try {
      if (failure == null) {
        failure = t;
      }
      toComplete = available;
    } finally {
      lock.unlock();
    }
    toComplete.complete(null);
  }

  /** Carries the fetcher thread's failure to the subtask thread. */
  static final class FetcherFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FetcherFailure(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
