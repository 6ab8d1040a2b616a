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
import io.nagare.runtime.checkpoint.ChannelState;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A subtask whose head operator reads network channels: it deserializes one buffer per loop turn
 * and hands each record to the head operator — to its one input, or for a {@link TwoInputOperator}
 * to the input the channel feeds — combines the watermarks and idleness of all channels in a
 * {@link StatusWatermarkValve} (for two inputs: the minimum over both), and ends when every channel
 * has ended. Barriers are aligned (see {@link #onBarrier}) or, for unaligned checkpoints, taken at
 * the first one (see {@link #onUnalignedBarrier}); a restored subtask first processes the in-flight
 * data it restores.
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
  /** The in-flight data of the unaligned checkpoint in progress; null when none is. */
  private InputChannelRecorder recorder;
  /** Restored in-flight data still to process before reading the channels, in order. */
  private final ArrayDeque<Replayed> replay = new ArrayDeque<>();

  /** A buffer of restored in-flight data and the channel it came through. */
  private record Replayed(InputChannel channel, Buffer buffer) {}

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
  protected void restoreInputs(ChannelState state) {
    if (state.inputChannels() != gate.channels().size()) {
      throw new IllegalStateException(taskName() + " restores in-flight data of " + state.inputChannels()
          + " input channels, but has " + gate.channels().size() + ": in-flight data is not redistributed");
    }
    for (ChannelState.InputData in : state.inputs()) {
      InputChannel channel = gate.channels().get(in.channelIndex());
      if (in.unreadBytes().length > 0) {
        replay.add(new Replayed(channel, Buffer.unpooled(in.unreadBytes())));
      }
      for (byte[] data : in.buffers()) {
        replay.add(new Replayed(channel, Buffer.unpooled(data)));
      }
    }
  }

  @Override
  protected LoopAction processInput() throws Exception {
    if (!replay.isEmpty()) {
      Replayed next = replay.poll();
      return processData(next.channel(), next.buffer());
    }
    Buffer buffer = gate.pollNext();
    if (buffer == null) {
      return LoopAction.WAIT;
    }
    InputChannel channel = gate.lastChannel();
    if (buffer.isEvent()) {
      return handleEvent(channel, buffer.getEvent());
    }
    if (recorder != null) {
      recorder.onData(channel, buffer);
    }
    return processData(channel, buffer);
  }

  /**
   * Hands the records of {@code buffer} to the head operator. Between records it takes unaligned
   * barriers that have just overtaken queued data (unless restored data is still being replayed),
   * so a checkpoint does not wait for the rest of the buffer: what is left of it is then part of
   * the checkpoint's in-flight data.
   */
  private LoopAction processData(InputChannel channel, Buffer buffer) throws Exception {
    @SuppressWarnings("unchecked")
    RecordDeserializer<Object> in = (RecordDeserializer<Object>) channel.deserializer();
    ioMetrics.addBytesIn(buffer.size());
    in.setBuffer(buffer);
    boolean takePriority = replay.isEmpty();
    try {
      if (twoInputHead == null) {
        while (in.next()) {
          head.collect(in.record(), in.timestamp());
          if (takePriority && gate.hasPriorityEvent()) {
            processPriorityEvents();
          }
        }
      } else if (channel.inputIndex() == 0) {
        while (in.next()) {
          twoInputHead.processElement1(in.record(), in.timestamp());
          if (takePriority && gate.hasPriorityEvent()) {
            processPriorityEvents();
          }
        }
      } else {
        while (in.next()) {
          twoInputHead.processElement2(in.record(), in.timestamp());
          if (takePriority && gate.hasPriorityEvent()) {
            processPriorityEvents();
          }
        }
      }
    } finally {
      buffer.recycle();
    }
    return LoopAction.CONTINUE;
  }

  private void processPriorityEvents() throws Exception {
    Buffer event;
    while ((event = gate.pollPriority()) != null) {
      onUnalignedBarrier(gate.lastChannel(), (StreamEvent.CheckpointBarrier) event.getEvent());
    }
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
    if (event instanceof StreamEvent.CheckpointBarrier barrier) {
      if (barrier.isUnaligned()) {
        onUnalignedBarrier(channel, barrier);
      } else {
        onBarrier(channel, barrier);
      }
      return LoopAction.CONTINUE;
    }
    if (event instanceof StreamEvent.EndOfPartition) {
      boolean all = gate.markFinished(channel);
      completeUnalignedIfDone();
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
      if (recorder != null) {
        abandon(recorder.pending());
        recorder = null;
      }
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

  /**
   * An unaligned barrier: the first of a checkpoint has the subtask snapshot and forward the barrier
   * at once (overtaking its queued output), and starts recording the in-flight data of its inputs
   * (see {@link InputChannelRecorder}); once the barrier has come on every open channel the state
   * and the data are written and acknowledged. A barrier of a newer checkpoint abandons an
   * unfinished one (it was aborted); barriers of older ones are ignored.
   */
  private void onUnalignedBarrier(InputChannel channel, StreamEvent.CheckpointBarrier barrier) throws Exception {
    long id = barrier.checkpointId();
    List<byte[]> overtaken = channel.takeOvertaken(id);
    if (id <= aligningCheckpoint) {
      if (recorder != null && recorder.checkpointId() == id) {
        recorder.onBarrier(channel, overtaken);
        completeUnalignedIfDone();
      }
      return;
    }
    if (recorder != null) {
      abandon(recorder.pending());
      recorder = null;
    }
    gate.unblockAll();
    barrierSeen = null;
    aligningCheckpoint = id;
    aligningTimestamp = barrier.timestamp();
    PendingCheckpoint pending = snapshotAndForward(id, barrier.timestamp());
    if (pending == null) {
      return;
    }
    recorder = new InputChannelRecorder(pending, gate.channels());
    recorder.onBarrier(channel, overtaken);
    completeUnalignedIfDone();
  }

  private void completeUnalignedIfDone() {
    if (recorder == null || !recorder.isComplete(gate.channels())) {
      return;
    }
    long nanos = recorder.elapsedNanos();
    ioMetrics.alignmentEnded(nanos, System.currentTimeMillis() - aligningTimestamp);
    writeCheckpoint(recorder.pending(), gate.channels().size(), recorder.inputs(), nanos);
    recorder = null;
  }

  @Override
  protected void releaseInputs() {
    if (recorder != null) {
      abandon(recorder.pending());
      recorder = null;
    }
    gate.release();
  }
}
