package io.nagare.runtime.io;

/** A channel whose producer runs in the same process: buffers are handed over through the subpartition's queue, no socket. */
public final class LocalInputChannel extends InputChannel {
  private final ResultSubpartition subpartition;

  public LocalInputChannel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer,
      ResultSubpartition subpartition) {
    super(channelIndex, inputIndex, deserializer);
    this.subpartition = subpartition;
  }

  @Override
  public Buffer poll() {
    return subpartition.poll();
  }

  @Override
  public Buffer pollPriorityEvent() {
    return subpartition.pollPriorityEvent();
  }

  @Override
  public boolean isEmpty() {
    return subpartition.isEmpty();
  }

  @Override
  public int queuedBuffers() {
    return subpartition.size();
  }

  @Override
  public void start(Runnable onData) {
    subpartition.setDataListener(onData);
  }

  @Override
  public void setPriorityListener(Runnable onPriority) {
    subpartition.setPriorityListener(onPriority);
  }

  @Override
  public void release() {
    subpartition.releaseAll();
  }
}
