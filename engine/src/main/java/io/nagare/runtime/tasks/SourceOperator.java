package io.nagare.runtime.tasks;

import io.nagare.api.eventtime.TimestampAssigner;
import io.nagare.api.eventtime.Watermark;
import io.nagare.api.eventtime.WatermarkGenerator;
import io.nagare.api.eventtime.WatermarkGeneratorSupplier;
import io.nagare.api.eventtime.WatermarkOutput;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SourceSplit;
import io.nagare.runtime.checkpoint.OperatorRestore;
import io.nagare.runtime.operators.AbstractStreamOperator;
import io.nagare.runtime.operators.TimestampsAndWatermarksOperator;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.runtime.streamrecord.WatermarkStatus;
import io.nagare.runtime.timers.ProcessingTimeService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The head of a source subtask's chain: owns the {@link SourceReader}, passes it the splits the
 * coordinator assigns, and turns what it emits into records for the chain. Subtask thread only;
 * split assignments arrive as mails.
 *
 * <p>With {@link WatermarkStrategy#noWatermarks()} records pass straight through with their source
 * timestamps. Any other strategy gets a timestamp assigner, and a watermark generator per split
 * output the reader creates ({@link ReaderOutput#createOutputForSplit}) plus one for records
 * emitted without a split; a {@link StatusWatermarkValve} combines them, so a fast split does not
 * make a slow one's records late, and idle splits do not hold the watermark back. A subtask that
 * is told there are no more splits without ever getting one goes idle.
 */
final class SourceOperator<T, SplitT extends SourceSplit> extends AbstractStreamOperator<T> implements SourceReaderGateway {
  private final Source<T, SplitT, ?> source;
  private final WatermarkStrategy<T> watermarkStrategy;
  private final long watermarkIntervalMillis;
  private final SourceCoordinatorGateway coordinator;
  private final Map<String, WatermarkedOutput> splitOutputs = new HashMap<>();
  private final List<WatermarkedOutput> allOutputs = new ArrayList<>();
  private ReaderOutput<T> readerOutput;
  private SourceReader<T, SplitT> reader;
  private TimestampAssigner<T> assigner;
  private WatermarkGeneratorSupplier.Context generatorContext;
  private StatusWatermarkValve valve;
  private WatermarkedOutput mainOutput;
  private ProcessingTimeService.ScheduledTimer periodic;
  private boolean gotSplits;

  SourceOperator(Source<T, SplitT, ?> source, WatermarkStrategy<T> watermarkStrategy, long watermarkIntervalMillis,
      SourceCoordinatorGateway coordinator) {
    this.source = source;
    this.watermarkStrategy = watermarkStrategy;
    this.watermarkIntervalMillis = watermarkIntervalMillis;
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
    if (watermarkStrategy.isPassThrough()) {
      readerOutput = new PassThroughOutput();
    } else {
      openWatermarking();
      readerOutput = new WatermarkingOutput();
    }
    try {
      reader = source.createReader(readerContext);
    } catch (Exception e) {
      throw failure("failed to create its reader", e);
    }
    coordinator.registerReader(index, this);
    List<OperatorRestore.RestoredSplit> restored = restoredSplits();
    if (!restored.isEmpty()) {
      SimpleVersionedSerializer<SplitT> serializer = source.getSplitSerializer();
      List<SplitT> splits = new ArrayList<>();
      for (OperatorRestore.RestoredSplit r : restored) {
        splits.add(serializer.deserialize(r.version(), r.bytes()));
      }
      gotSplits = true;
      reader.addSplits(splits);
    }
    try {
      reader.start();
    } catch (RuntimeException e) {
      throw failure("failed to start its reader", e);
    }
  }

  private void openWatermarking() {
    try {
      assigner = watermarkStrategy.createTimestampAssigner();
    } catch (RuntimeException e) {
      throw failure("failed to create its timestamp assigner", e);
    }
    generatorContext = TimestampsAndWatermarksOperator.generatorContext(context);
    valve = new StatusWatermarkValve(0, new StatusWatermarkValve.Listener() {
      @Override
      public void onWatermark(long watermark) throws Exception {
        processWatermark(watermark);
      }

      @Override
      public void onStatus(WatermarkStatus status) throws Exception {
        processWatermarkStatus(status);
      }
    });
    mainOutput = newWatermarkedOutput();
    schedulePeriodicEmit();
  }

  private WatermarkedOutput newWatermarkedOutput() {
    WatermarkGenerator<T> generator;
    try {
      generator = watermarkStrategy.createWatermarkGenerator(generatorContext);
    } catch (RuntimeException e) {
      throw failure("failed to create its watermark generator", e);
    }
    int index;
    try {
      index = valve.addInput();
    } catch (Exception e) {
      throw failure(e);
    }
    WatermarkedOutput out = new WatermarkedOutput(index, generator);
    allOutputs.add(out);
    return out;
  }

  private void schedulePeriodicEmit() {
    if (watermarkIntervalMillis > 0) {
      ProcessingTimeService clock = context.processingTimeService();
      periodic = clock.registerTimer(clock.getCurrentProcessingTime() + watermarkIntervalMillis, this::onPeriodicEmit);
    }
  }

  private void onPeriodicEmit(long time) {
    for (WatermarkedOutput out : allOutputs) {
      if (!out.finished && !out.idle) {
        try {
          out.generator.onPeriodicEmit(out);
        } catch (RuntimeException e) {
          throw failure("failed in its watermark generator", e);
        }
      }
    }
    schedulePeriodicEmit();
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
    context.mailbox().execute(() -> {
      gotSplits = true;
      reader.addSplits((List<SplitT>) splits);
    }, "add splits " + splits);
  }

  @Override
  public void noMoreSplits() {
    context.mailbox().execute(() -> {
      if (!gotSplits && valve != null) {
        mainOutput.markIdle();
      }
      reader.notifyNoMoreSplits();
    }, "no more splits");
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void snapshotSplits(long checkpointId, DataOutputView out) throws Exception {
    List<SplitT> splits = reader.snapshotState(checkpointId);
    SimpleVersionedSerializer<SplitT> serializer = source.getSplitSerializer();
    out.writeInt(splits.size());
    for (SplitT split : splits) {
      byte[] bytes = serializer.serialize(split);
      out.writeInt(serializer.getVersion());
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    try {
      reader.notifyCheckpointComplete(checkpointId);
    } catch (Exception e) {
      throw failure("failed in notifyCheckpointComplete(" + checkpointId + ")", e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (periodic != null) {
        periodic.cancel();
      }
      if (reader != null) {
        reader.close();
      }
    } finally {
      super.close();
    }
  }

  /** The reader emits straight into the chain, keeping the source's timestamps. */
  private final class PassThroughOutput implements ReaderOutput<T> {
    @Override
    public void collect(T record) {
      collect(record, Timestamps.NO_TIMESTAMP);
    }

    @Override
    public void collect(T record, long timestamp) {
      if (record == null) {
        throw nullRecord();
      }
      output.collect(record, timestamp);
    }

    @Override
    public void markIdle() {}

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }

  /** Records without a split go through the main output; per-split outputs get their own generators. */
  private final class WatermarkingOutput implements ReaderOutput<T> {
    @Override
    public void collect(T record) {
      mainOutput.collect(record, Timestamps.NO_TIMESTAMP);
    }

    @Override
    public void collect(T record, long timestamp) {
      mainOutput.collect(record, timestamp);
    }

    @Override
    public void markIdle() {
      mainOutput.markIdle();
    }

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
      WatermarkedOutput out = splitOutputs.get(splitId);
      if (out == null) {
        out = newWatermarkedOutput();
        splitOutputs.put(splitId, out);
        if (!mainOutput.used) {
          mainOutput.markIdle();
        }
      }
      return out;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
      WatermarkedOutput out = splitOutputs.remove(splitId);
      if (out != null) {
        out.finished = true;
        allOutputs.remove(out);
        try {
          valve.inputFinished(out.index);
        } catch (Exception e) {
          throw failure(e);
        }
      }
    }
  }

  /** One input of the valve: a generator fed by the records of one split (or of no split). */
  private final class WatermarkedOutput implements SourceOutput<T>, WatermarkOutput {
    final int index;
    final WatermarkGenerator<T> generator;
    boolean used;
    boolean finished;
    private boolean idle;

    WatermarkedOutput(int index, WatermarkGenerator<T> generator) {
      this.index = index;
      this.generator = generator;
    }

    @Override
    public void collect(T record) {
      collect(record, Timestamps.NO_TIMESTAMP);
    }

    @Override
    public void collect(T record, long timestamp) {
      if (record == null) {
        throw nullRecord();
      }
      used = true;
      long t;
      try {
        t = assigner.extractTimestamp(record, timestamp);
      } catch (RuntimeException e) {
        throw failure("failed in its timestamp assigner", e);
      }
      markActive();
      output.collect(record, t);
      try {
        generator.onEvent(record, t, this);
      } catch (RuntimeException e) {
        throw failure("failed in its watermark generator", e);
      }
    }

    @Override
    public void emitWatermark(Watermark watermark) {
      idle = false;
      try {
        valve.inputWatermark(index, watermark.getTimestamp());
      } catch (Exception e) {
        throw failure(e);
      }
    }

    @Override
    public void markIdle() {
      if (!idle) {
        idle = true;
        status(WatermarkStatus.IDLE);
      }
    }

    @Override
    public void markActive() {
      if (idle) {
        idle = false;
        status(WatermarkStatus.ACTIVE);
      }
    }

    private void status(WatermarkStatus status) {
      try {
        valve.inputStatus(index, status);
      } catch (Exception e) {
        throw failure(e);
      }
    }
  }
}
