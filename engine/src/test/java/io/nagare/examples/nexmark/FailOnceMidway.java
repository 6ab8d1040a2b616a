package io.nagare.examples.nexmark;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SourceSplit;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps a source so that its job fails once, midway, after a checkpoint: in the first run each
 * reader stops after {@code pollsBeforeHold} polls of the wrapped reader and waits until a
 * checkpoint taken there completes; the first reader to see one then throws, and the first run's
 * other readers stay where they are until the job cancels them. Readers of the restarted run pass
 * everything through. So a checkpoint with records before it and records after it always exists,
 * without depending on timing, and no reader of the failing run reaches the end of its input: a
 * sink commits what it wrote last when its input ends, before any checkpoint covers it, so a run
 * that ended its input while another subtask failed would replay that part after the restore (the
 * engine's known limit until a final checkpoint exists; see docs/state-and-checkpoints.md). The failed flag lives in a static map under
 * the source's id (sources are serialised into the job); create one per test.
 */
final class FailOnceMidway<T, SplitT extends SourceSplit, EnumChkT> implements Source<T, SplitT, EnumChkT> {
  private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final Source<T, SplitT, EnumChkT> wrapped;
  private final int pollsBeforeHold;

  FailOnceMidway(Source<T, SplitT, EnumChkT> wrapped, int pollsBeforeHold) {
    this.wrapped = wrapped;
    this.pollsBeforeHold = pollsBeforeHold;
    FAILED.put(id, new AtomicBoolean());
  }

  /** Whether the injected failure has happened. */
  boolean failed() {
    return FAILED.get(id).get();
  }

  @Override
  public Boundedness getBoundedness() {
    return wrapped.getBoundedness();
  }

  @Override
  public SplitEnumerator<SplitT, EnumChkT> createEnumerator(SplitEnumeratorContext<SplitT> context) throws Exception {
    return wrapped.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<SplitT, EnumChkT> restoreEnumerator(SplitEnumeratorContext<SplitT> context,
      EnumChkT checkpoint) throws Exception {
    return wrapped.restoreEnumerator(context, checkpoint);
  }

  @Override
  public SourceReader<T, SplitT> createReader(SourceReaderContext context) throws Exception {
    return new Reader(wrapped.createReader(context));
  }

  @Override
  public SimpleVersionedSerializer<SplitT> getSplitSerializer() {
    return wrapped.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<EnumChkT> getEnumeratorCheckpointSerializer() {
    return wrapped.getEnumeratorCheckpointSerializer();
  }

  /** Runs on the source subtask's thread, which owns its fields. */
  private final class Reader implements SourceReader<T, SplitT> {
    private final SourceReader<T, SplitT> reader;
    private final AtomicBoolean failed = FAILED.get(id);
    private final CompletableFuture<Void> checkpointCompleted = new CompletableFuture<>();
    private final CompletableFuture<Void> never = new CompletableFuture<>();
    /** Whether this reader belongs to the run after the failure, which holds nowhere. */
    private final boolean restarted = failed.get();
    private int polls;
    /** The first checkpoint taken while holding, -1 before one. */
    private long holdCheckpoint = -1;

    Reader(SourceReader<T, SplitT> reader) {
      this.reader = reader;
    }

    private boolean holding() {
      return polls >= pollsBeforeHold && !restarted;
    }

    @Override
    public void start() {
      reader.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      if (holding()) {
        if (checkpointCompleted.isDone() && failed.compareAndSet(false, true)) {
          throw new IllegalStateException("injected failure");
        }
        return InputStatus.NOTHING_AVAILABLE;
      }
      polls++;
      return reader.pollNext(output);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      if (!holding()) {
        return reader.isAvailable();
      }
      return checkpointCompleted.isDone() ? never : checkpointCompleted;
    }

    @Override
    public void addSplits(List<SplitT> splits) {
      reader.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
      reader.notifyNoMoreSplits();
    }

    @Override
    public List<SplitT> snapshotState(long checkpointId) {
      if (holding() && holdCheckpoint < 0) {
        holdCheckpoint = checkpointId;
      }
      return reader.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      reader.notifyCheckpointComplete(checkpointId);
      if (holdCheckpoint >= 0 && checkpointId >= holdCheckpoint) {
        checkpointCompleted.complete(null);
      }
    }

    @Override
    public void close() throws Exception {
      reader.close();
    }
  }
}
