package io.nagare.connectors.base;

import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SourceSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A reader for sources whose splits can be read without waiting (sequences, collections, files):
 * it asks the enumerator for one split at a time, so faster subtasks take more splits, and reads
 * the current split in batches. Not for sources that may block (sockets, Kafka): those need a
 * fetcher thread.
 *
 * <p>All methods run on the subtask's thread.
 */
public abstract class PullingSourceReader<T, SplitT extends SourceSplit> implements SourceReader<T, SplitT> {
  /** Records emitted per {@link #pollNext} call: small enough to keep the mailbox responsive. */
  protected static final int BATCH = 1024;

  private final SourceReaderContext context;
  private final ArrayDeque<SplitT> pending = new ArrayDeque<>();
  private SplitCursor<T, SplitT> current;
  private boolean requested;
  private boolean noMoreSplits;
  private CompletableFuture<Void> available = new CompletableFuture<>();

  protected PullingSourceReader(SourceReaderContext context) {
    this.context = context;
  }

  /** Opens a cursor at the split's position. */
  protected abstract SplitCursor<T, SplitT> open(SplitT split) throws Exception;

  @Override
  public void start() {}

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    if (current == null) {
      SplitT next = pending.poll();
      if (next == null) {
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        if (!requested) {
          requested = true;
          context.sendSplitRequest();
        }
        if (available.isDone()) {
          available = new CompletableFuture<>();
        }
        return InputStatus.NOTHING_AVAILABLE;
      }
      current = open(next);
    }
    if (!current.emit(output, BATCH)) {
      current.close();
      current = null;
    }
    return InputStatus.MORE_AVAILABLE;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<SplitT> splits) {
    pending.addAll(splits);
    requested = false;
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public List<SplitT> snapshotState(long checkpointId) {
    List<SplitT> splits = new ArrayList<>();
    if (current != null) {
      splits.add(current.snapshot());
    }
    splits.addAll(pending);
    return splits;
  }

  @Override
  public void close() throws Exception {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
