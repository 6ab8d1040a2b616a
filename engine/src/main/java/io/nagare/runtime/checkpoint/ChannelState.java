package io.nagare.runtime.checkpoint;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One subtask's in-flight data in an unaligned checkpoint: the records its checkpoint barrier
 * overtook. Its input side holds, per input channel, the bytes its deserializer held unread when
 * the subtask took its snapshot (the rest of the buffer it was in, or a record only partly read),
 * then the buffers that came before that channel's barrier but were not processed before the
 * snapshot; its output side holds, per output channel, the
 * buffers its own barrier overtook in the queue to the consumer. A restored subtask feeds its input
 * side through its deserializers before reading its channels and sends its output side before
 * anything new. Watermarks and idleness among the data are not kept (the operators' watermarks
 * start over, as after any restore). Immutable.
 *
 * <p>Format (a block of the subtask's state file, see {@link TaskStateFile}): int number of input
 * channels the subtask had; int entries, per entry: int channel index, int length and bytes of the
 * unread bytes (0 when none), int buffers, per buffer int length and bytes; int number of output
 * writers, per writer int channels; int entries, per entry: int writer index, int channel index,
 * int buffers and the buffers as above.
 */
public record ChannelState(int inputChannels, List<InputData> inputs, List<Integer> outputChannels,
    List<OutputData> outputs) {

  /** No in-flight data (aligned checkpoints, sources, savepoints). */
  public static final ChannelState NONE = new ChannelState(0, List.of(), List.of(), List.of());

  /** What came before input channel {@code channelIndex}'s barrier and was not processed before the snapshot. */
  public record InputData(int channelIndex, byte[] unreadBytes, List<byte[]> buffers) {
    public InputData {
      unreadBytes = unreadBytes == null ? new byte[0] : unreadBytes;
      buffers = List.copyOf(buffers);
    }
  }

  /** What the barrier overtook in channel {@code channel} of output {@code writerIndex}. */
  public record OutputData(int writerIndex, int channel, List<byte[]> buffers) {
    public OutputData {
      buffers = List.copyOf(buffers);
    }
  }

  public ChannelState {
    inputs = List.copyOf(inputs);
    outputChannels = List.copyOf(outputChannels);
    outputs = List.copyOf(outputs);
  }

  /** Whether no data is held on either side. */
  public boolean isEmpty() {
    return bytes() == 0;
  }

  /** The bytes of records held, both sides. */
  public long bytes() {
    long n = 0;
    for (InputData in : inputs) {
      n += in.unreadBytes().length;
      for (byte[] b : in.buffers()) {
        n += b.length;
      }
    }
    for (OutputData out : outputs) {
      for (byte[] b : out.buffers()) {
        n += b.length;
      }
    }
    return n;
  }

  void write(DataOutputView out) throws IOException {
    out.writeInt(inputChannels);
    out.writeInt(inputs.size());
    for (InputData in : inputs) {
      out.writeInt(in.channelIndex());
      out.writeInt(in.unreadBytes().length);
      out.write(in.unreadBytes());
      writeBuffers(out, in.buffers());
    }
    out.writeInt(outputChannels.size());
    for (int channels : outputChannels) {
      out.writeInt(channels);
    }
    out.writeInt(outputs.size());
    for (OutputData o : outputs) {
      out.writeInt(o.writerIndex());
      out.writeInt(o.channel());
      writeBuffers(out, o.buffers());
    }
  }

  private static void writeBuffers(DataOutputView out, List<byte[]> buffers) throws IOException {
    out.writeInt(buffers.size());
    for (byte[] b : buffers) {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  /** Reads a block written by {@link #write}; {@code source} names it in errors. */
  static ChannelState read(DataInputView in, long length, String source) throws IOException {
    Counter counter = new Counter(length, source);
    int inputChannels = in.readInt();
    int n = counter.count(in.readInt(), 12);
    List<InputData> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int channel = in.readInt();
      byte[] partial = counter.bytes(in);
      inputs.add(new InputData(channel, partial, readBuffers(in, counter)));
    }
    int writers = counter.count(in.readInt(), 4);
    List<Integer> outputChannels = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      outputChannels.add(in.readInt());
    }
    n = counter.count(in.readInt(), 12);
    List<OutputData> outputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int writer = in.readInt();
      int channel = in.readInt();
      outputs.add(new OutputData(writer, channel, readBuffers(in, counter)));
    }
    return new ChannelState(inputChannels, inputs, outputChannels, outputs);
  }

  private static List<byte[]> readBuffers(DataInputView in, Counter counter) throws IOException {
    int n = counter.count(in.readInt(), 4);
    List<byte[]> buffers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      buffers.add(counter.bytes(in));
    }
    return buffers;
  }

  /** Refuses counts and lengths the block's size cannot hold, before allocating. */
  private record Counter(long length, String source) {
    int count(int n, int width) throws IOException {
      if (n < 0 || (long) n * width > length) {
        throw new IOException("Corrupt in-flight data in " + source + ": " + n + " entries announced in a block of "
            + length + " bytes");
      }
      return n;
    }

    byte[] bytes(DataInputView in) throws IOException {
      byte[] bytes = new byte[count(in.readInt(), 1)];
      in.readFully(bytes);
      return bytes;
    }
  }
}
