package io.nagare.runtime.tasks;

import io.nagare.api.environment.CheckpointingMode;
import io.nagare.plan.JobVertex;
import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.InputGate;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.RecordWriter;
import io.nagare.runtime.io.StreamEvent;
import io.nagare.runtime.operators.AbstractStreamOperator;
import io.nagare.runtime.operators.Output;
import io.nagare.runtime.operators.TwoInputOperator;
import io.nagare.runtime.streamrecord.WatermarkStatus;
import java.util.List;

/**
 * A subtask whose head operator reads network channels: it deserializes one buffer per loop turn
 * and hands each record to the head operator — to its one input, or for a {@link TwoInputOperator}
 * to the input the channel feeds — combines the watermarks and idleness of all channels in a
 * {@link StatusWatermarkValve} (for two inputs: the minimum over both), and ends when every channel
 * has ended.
 */
public final class InputStreamTask extends StreamTask {
  private final InputGate gate;
  private StatusWatermarkValve valve;
  private Output<Object> head;
  private TwoInputOperator<Object, Object> twoInputHead;
  private AbstractStreamOperator<?> headOperator;
  private long aligningCheckpoint = -1;
  private long aligningTimestamp;
  private long alignmentStartNanos;
  /** Which channels' barriers of {@link #aligningCheckpoint} have arrived; null when not aligning. */
  private boolean[] barrierSeen;

  public InputStreamTask(JobVertex vertex, int subtaskIndex, int attempt, TaskEnvironment env,
      List<RecordWriter<?>> writers, InputGate.Factory gateFactory, TaskListener listener) {
    super(vertex, subtaskIndex, attempt, env, writers, listener);
    this.gate = gateFactory.create(mailbox::signal);
  }

  @Override
  protected java.util.function.LongSupplier networkRecordsIn() {
    AbstractStreamOperator<?> head = chain.head();
    return head::recordsIn;
  }

  @Override
  protected List<InputChannel> inputChannels() {
    return gate.channels();
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void initializeInputs() {
    headOperator = chain.head();
    if (headOperator instanceof TwoInputOperator) {
      twoInputHead = (TwoInputOperator<Object, Object>) headOperator;
    } else {
      head = (Output<Object>) headOperator;
    }
    valve = new StatusWatermarkValve(gate.channels().size(), new StatusWatermarkValve.Listener() {
      @Override
      public void onWatermark(long watermark) throws Exception {
        headOperator.processWatermark(watermark);
      }

      @Override
      public void onStatus(WatermarkStatus status) throws Exception {
        headOperator.processWatermarkStatus(status);
      }
    });
    gate.start();
  }

  @Override
  protected LoopAction processInput() throws Exception {
    Buffer buffer = gate.pollNext();
    if (buffer == null) {
      return LoopAction.WAIT;
    }
    InputChannel channel = gate.lastChannel();
    if (buffer.isEvent()) {
      return handleEvent(channel, buffer.getEvent());
    }
    @SuppressWarnings("unchecked")
    RecordDeserializer<Object> in = (RecordDeserializer<Object>) channel.deserializer();
    ioMetrics.addBytesIn(buffer.size());
    in.setBuffer(buffer);
    try {
      if (twoInputHead == null) {
        while (in.next()) {
          head.collect(in.record(), in.timestamp());
        }
      } else if (channel.inputIndex() == 0) {
        while (in.next()) {
          twoInputHead.processElement1(in.record(), in.timestamp());
        }
      } else {
        while (in.next()) {
          twoInputHead.processElement2(in.record(), in.timestamp());
        }
      }
    } finally {
      buffer.recycle();
    }
    return LoopAction.CONTINUE;
  }

  private LoopAction handleEvent(InputChannel channel, StreamEvent event) throws Exception {
    if (event instanceof StreamEvent.Watermark) {
      valve.inputWatermark(channel.channelIndex(), ((StreamEvent.Watermark) event).timestamp());
      return LoopAction.CONTINUE;
    }
    if (event instanceof StreamEvent.WatermarkStatusEvent) {
      valve.inputStatus(channel.channelIndex(), ((StreamEvent.WatermarkStatusEvent) event).status());
      return LoopAction.CONTINUE;
    }
    if (event instanceof StreamEvent.CheckpointBarrier) {
      onBarrier(channel, (StreamEvent.CheckpointBarrier) event);
      return LoopAction.CONTINUE;
    }
    if (event instanceof StreamEvent.EndOfPartition) {
      boolean all = gate.markFinished(channel);
      if (all) {
        return LoopAction.END;
      }
      valve.inputFinished(channel.channelIndex());
      completeAlignmentIfDone();
      return LoopAction.CONTINUE;
    }
    throw new IllegalStateException("Unexpected event " + event + " in " + taskName());
  }

  /**
   * Barrier alignment: the first barrier of a checkpoint starts it; in EXACTLY_ONCE mode each
   * channel whose barrier has arrived is held back until every open channel's has, so no record
   * after the barrier is processed before the snapshot. Then the subtask snapshots, forwards the
   * barrier and takes input from all channels again. A barrier of a newer checkpoint abandons an
   * unfinished alignment (that checkpoint was aborted); barriers of older ones are ignored.
   */
  private void onBarrier(InputChannel channel, StreamEvent.CheckpointBarrier barrier) throws Exception {
    if (barrier.checkpointId() < aligningCheckpoint) {
      return;
    }
    if (barrier.checkpointId() > aligningCheckpoint) {
      gate.unblockAll();
      aligningCheckpoint = barrier.checkpointId();
      aligningTimestamp = barrier.timestamp();
      alignmentStartNanos = System.nanoTime();
      barrierSeen = new boolean[gate.channels().size()];
    }
    if (barrierSeen == null || barrierSeen[channel.channelIndex()]) {
      return;
    }
    barrierSeen[channel.channelIndex()] = true;
    if (env.checkpointing().mode() == CheckpointingMode.EXACTLY_ONCE) {
      gate.block(channel);
    }
    completeAlignmentIfDone();
  }

  private void completeAlignmentIfDone() throws Exception {
    if (barrierSeen == null) {
      return;
    }
    for (InputChannel c : gate.channels()) {
      if (!c.isFinished() && !barrierSeen[c.channelIndex()]) {
        return;
      }
    }
    barrierSeen = null;
    long alignmentNanos = System.nanoTime() - alignmentStartNanos;
    ioMetrics.alignmentEnded(alignmentNanos, System.currentTimeMillis() - aligningTimestamp);
    performCheckpoint(aligningCheckpoint, aligningTimestamp, alignmentNanos);
    gate.unblockAll();
  }

  @Override
  protected void releaseInputs() {
    gate.release();
  }
}
