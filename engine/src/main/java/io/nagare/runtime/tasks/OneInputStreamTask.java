package io.nagare.runtime.tasks;

import io.nagare.plan.JobVertex;
import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.InputGate;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.RecordWriter;
import io.nagare.runtime.io.StreamEvent;
import io.nagare.runtime.operators.AbstractStreamOperator;
import io.nagare.runtime.operators.Output;
import java.util.List;

/**
 * A subtask whose head operator reads network channels: it deserializes one buffer per loop turn
 * and hands each record to the head operator, combines the channels' watermarks, and ends when
 * every channel has ended.
 */
public final class OneInputStreamTask extends StreamTask {
  private final InputGate gate;
  private WatermarkValve valve;
  private Output<Object> head;
  private AbstractStreamOperator<?> headOperator;

  public OneInputStreamTask(JobVertex vertex, int subtaskIndex, int attempt, TaskEnvironment env,
      List<RecordWriter<?>> writers, InputGate.Factory gateFactory, TaskListener listener) {
    super(vertex, subtaskIndex, attempt, env, writers, listener);
    this.gate = gateFactory.create(mailbox::signal);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void initializeInputs() {
    headOperator = chain.head();
    head = (Output<Object>) headOperator;
    valve = new WatermarkValve(gate.channels());
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
    in.setBuffer(buffer);
    try {
      while (in.next()) {
        head.collect(in.record(), in.timestamp());
      }
    } finally {
      buffer.recycle();
    }
    return LoopAction.CONTINUE;
  }

  private LoopAction handleEvent(InputChannel channel, StreamEvent event) throws Exception {
    if (event instanceof StreamEvent.Watermark) {
      channel.setWatermark(((StreamEvent.Watermark) event).timestamp());
      advanceWatermark();
      return LoopAction.CONTINUE;
    }
    if (event instanceof StreamEvent.EndOfPartition) {
      boolean all = gate.markFinished(channel);
      if (all) {
        return LoopAction.END;
      }
      advanceWatermark();
      return LoopAction.CONTINUE;
    }
    throw new IllegalStateException("Unexpected event " + event + " in " + taskName());
  }

  private void advanceWatermark() throws Exception {
    long wm = valve.update();
    if (wm != Long.MIN_VALUE) {
      headOperator.processWatermark(wm);
    }
  }

  @Override
  protected void releaseInputs() {
    gate.release();
  }
}
