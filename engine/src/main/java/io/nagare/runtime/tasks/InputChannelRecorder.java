package io.nagare.runtime.tasks;

import io.nagare.runtime.checkpoint.ChannelState;
import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.InputChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the input side of one unaligned checkpoint's in-flight data in a consuming subtask, from
 * its snapshot (taken at the first barrier of the checkpoint on any channel) until the barrier has
 * come on every open channel: per channel, the bytes its deserializer held unread at the snapshot
 * (the rest of the buffer being processed, or a record only partly read), then copies of every data buffer the subtask takes from that channel before
 * the channel's barrier, and then the buffers that barrier overtook in the channel's own queue. The
 * subtask still processes those buffers; they are only copied, since the snapshot does not reflect
 * them. Owned by the subtask's thread.
 */
final class InputChannelRecorder {
  private final StreamTask.PendingCheckpoint pending;
  private final long startNanos = System.nanoTime();
  private final boolean[] barrierSeen;
  private final byte[][] unreadBytes;
  private final List<List<byte[]>> buffers = new ArrayList<>();

  InputChannelRecorder(StreamTask.PendingCheckpoint pending, List<InputChannel> channels) {
    this.pending = pending;
    this.barrierSeen = new boolean[channels.size()];
    this.unreadBytes = new byte[channels.size()][];
    for (InputChannel c : channels) {
      unreadBytes[c.channelIndex()] = c.deserializer().unreadBytes();
      buffers.add(new ArrayList<>());
    }
  }

  StreamTask.PendingCheckpoint pending() {
    return pending;
  }

  long checkpointId() {
    return pending.checkpointId();
  }

  /** How long since the snapshot. */
  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /** The subtask took {@code buffer} (data) from {@code channel}: kept if that channel's barrier has not come yet. */
  void onData(InputChannel channel, Buffer buffer) {
    if (!barrierSeen[channel.channelIndex()]) {
      buffers.get(channel.channelIndex()).add(buffer.copyData());
    }
  }

  /** The checkpoint's barrier came on {@code channel}, having overtaken {@code overtaken} there. */
  void onBarrier(InputChannel channel, List<byte[]> overtaken) {
    if (!barrierSeen[channel.channelIndex()]) {
      barrierSeen[channel.channelIndex()] = true;
      buffers.get(channel.channelIndex()).addAll(overtaken);
    }
  }

  /** Whether the barrier has come on every channel that has not ended. */
  boolean isComplete(List<InputChannel> channels) {
    for (InputChannel c : channels) {
      if (!c.isFinished() && !barrierSeen[c.channelIndex()]) {
        return false;
      }
    }
    return true;
  }

  /** The recorded data of every channel that has any. */
  List<ChannelState.InputData> inputs() {
    List<ChannelState.InputData> inputs = new ArrayList<>();
    for (int i = 0; i < barrierSeen.length; i++) {
      if (unreadBytes[i] != null || !buffers.get(i).isEmpty()) {
        inputs.add(new ChannelState.InputData(i, unreadBytes[i], buffers.get(i)));
      }
    }
    return inputs;
  }
}
