package io.nagare.testing;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.connectors.sequence.NumberSequenceSplit;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A source for savepoint tests: the numbers {@code 0} to {@code count - 1}, each once, and then
 * nothing until the job is stopped, so a test can take a savepoint after all of them were
 * processed. Its position is checkpointed like {@link NumberSequenceSource}'s.
 */
public final class KeysThenIdle implements Source<Long, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
  private final NumberSequenceSource numbers;

  public KeysThenIdle(long count) {
    numbers = new NumberSequenceSource(0, count - 1);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context) {
    return numbers.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
    return numbers.restoreEnumerator(context, checkpoint);
  }

  @Override
  public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
    SourceReader<Long, NumberSequenceSplit> reader = numbers.createReader(context);
    CompletableFuture<Void> never = new CompletableFuture<>();
    return new SourceReader<>() {
      private boolean idle;

      @Override
      public void start() {
        reader.start();
      }

      @Override
      public InputStatus pollNext(ReaderOutput<Long> output) throws Exception {
        if (idle) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        InputStatus status = reader.pollNext(output);
        idle = status == InputStatus.END_OF_INPUT;
        return idle ? InputStatus.NOTHING_AVAILABLE : status;
      }

      @Override
      public CompletableFuture<Void> isAvailable() {
        return idle ? never : reader.isAvailable();
      }

      @Override
      public void addSplits(List<NumberSequenceSplit> splits) {
        reader.addSplits(splits);
      }

      @Override
      public void notifyNoMoreSplits() {
        reader.notifyNoMoreSplits();
      }

      @Override
      public List<NumberSequenceSplit> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
      }

      @Override
      public void close() throws Exception {
        reader.close();
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
    return numbers.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
    return numbers.getEnumeratorCheckpointSerializer();
  }
}
