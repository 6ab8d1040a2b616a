package io.nagare.runtime.tasks;

import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SourceSplit;
import io.nagare.runtime.operators.AbstractStreamOperator;
import io.nagare.runtime.streamrecord.Timestamps;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The head of a source subtask's chain: owns the {@link SourceReader}, passes it the splits the
 * coordinator assigns, and turns what it emits into records for the chain. Subtask thread only;
 * split assignments arrive as mails.
 */
final class SourceOperator<T, SplitT extends SourceSplit> extends AbstractStreamOperator<T> implements SourceReaderGateway {
  private final Source<T, SplitT, ?> source;
  private final SourceCoordinatorGateway coordinator;
  private final OutputAdapter readerOutput = new OutputAdapter();
  private SourceReader<T, SplitT> reader;

  SourceOperator(Source<T, SplitT, ?> source, SourceCoordinatorGateway coordinator) {
    this.source = source;
    this.coordinator = coordinator;
  }

  @Override
  public void open() throws Exception {
    super.open();
    int index = context.taskInfo().getIndexOfThisSubtask();
    SourceReaderContext readerContext = new SourceReaderContext() {
      @Override
      public int getIndexOfSubtask() {
        return index;
      }

      @Override
      public int currentParallelism() {
        return context.taskInfo().getNumberOfParallelSubtasks();
      }

      @Override
      public void sendSplitRequest() {
        coordinator.requestSplit(index);
      }

      @Override
      public MetricGroup metricGroup() {
        return context.metricGroup();
      }

      @Override
      public ClassLoader getUserCodeClassLoader() {
        return context.userClassLoader();
      }
    };
    try {
      reader = source.createReader(readerContext);
      reader.start();
    } catch (Exception e) {
      throw failure("failed to start its reader", e);
    }
    coordinator.registerReader(index, this);
  }

  /** Lets the reader emit; returns what it reports. */
  InputStatus emitNext() {
    try {
      return reader.pollNext(readerOutput);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  CompletableFuture<Void> isAvailable() {
    return reader.isAvailable();
  }

  @Override
  @SuppressWarnings("unchecked")
  public void addSplits(List<?> splits) {
    context.mailbox().execute(() -> reader.addSplits((List<SplitT>) splits), "add splits " + splits);
  }

  @Override
  public void noMoreSplits() {
    context.mailbox().execute(() -> reader.notifyNoMoreSplits(), "no more splits");
  }

  @Override
  public void close() throws Exception {
    try {
      if (reader != null) {
        reader.close();
      }
    } finally {
      super.close();
    }
  }

  /** What the reader emits into: straight into the chain. */
  private final class OutputAdapter implements ReaderOutput<T> {
    @Override
    public void collect(T record) {
      if (record == null) {
        throw nullRecord();
      }
      output.collect(record, Timestamps.NO_TIMESTAMP);
    }

    @Override
    public void collect(T record, long timestamp) {
      if (record == null) {
        throw nullRecord();
      }
      output.collect(record, timestamp);
    }

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }
}
