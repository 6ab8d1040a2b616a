package io.nagare.examples.nexmark.source;

import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.examples.nexmark.generator.NexmarkGenerator;
import io.nagare.examples.nexmark.model.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Generates the events of its splits, one split after the other, {@link #BATCH} events per {@link
 * #pollNext} call so that checkpoints and timers get their turn. Asks for its splits when it
 * starts. Every method runs on the source subtask's thread, which owns all fields.
 */
final class NexmarkSourceReader implements SourceReader<Event, NexmarkSplit> {
  /** Events per {@link #pollNext} call. */
  static final int BATCH = 1024;

  private final SourceReaderContext context;
  private final ArrayDeque<NexmarkSplit> splits = new ArrayDeque<>();
  private boolean noMoreSplits;
  private CompletableFuture<Void> available = new CompletableFuture<>();

  NexmarkSourceReader(SourceReaderContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<Event> output) {
    NexmarkSplit split = splits.peek();
    while (split != null && split.isFinished()) {
      splits.poll();
      split = splits.peek();
    }
    if (split == null) {
      if (noMoreSplits) {
        return InputStatus.END_OF_INPUT;
      }
      if (available.isDone()) {
        available = new CompletableFuture<>();
      }
      return InputStatus.NOTHING_AVAILABLE;
    }
    long n = split.next();
    long stride = split.stride();
    long seed = split.seed();
    long stop = Math.min(split.end(), n + BATCH * stride);
    while (n < stop) {
      output.collect(NexmarkGenerator.event(n, seed));
      n += stride;
    }
    splits.poll();
    splits.addFirst(split.at(n));
    return InputStatus.MORE_AVAILABLE;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<NexmarkSplit> added) {
    splits.addAll(added);
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public List<NexmarkSplit> snapshotState(long checkpointId) {
    List<NexmarkSplit> unfinished = new ArrayList<>();
    for (NexmarkSplit split : splits) {
      if (!split.isFinished()) {
        unfinished.add(split);
      }
    }
    return unfinished;
  }

  @Override
  public void close() {}
}
