package io.nagare.runtime.checkpoint;

import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataInputViewStream;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.SnapshotTarget;
import io.nagare.state.StateBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The format of one subtask's state file, version {@value #VERSION}: its operators' keyed state and
 * timers are blocks streamed into the file one after the other, then its in-flight data of an
 * unaligned checkpoint ({@link ChannelState}), and a footer at the end says where each is, so a
 * restore reads the footer and then, of each block, what it needs (of a key-grouped block its index
 * and its own key groups, see {@code KeyGroupedStateWriter}):
 *
 * <pre>
 * int version (3)
 * per operator: its keyed state block, its timers block (either may be empty)
 * the in-flight data block (empty when there is none)
 * footer: int number of operators; per operator: UTF operator id, long position and long length of
 *         its keyed state and of its timers (0, 0 when none), int length and bytes of its operator
 *         state, int number of source splits and per split: int serializer version, int length, bytes;
 *         then long position and long length of the in-flight data block (0, 0 when none)
 * long    the footer's position
 * </pre>
 *
 * Version 2 (still read) is version 3 without the in-flight data block and its place in the footer.
 * Version 1 (still read) held everything inline: int version (1), int number of operators, then per
 * operator: UTF operator id, then int length and bytes of its keyed state, of its timers and of its
 * operator state, then the splits as above. Stateless.
 */
public final class TaskStateFile {
  public static final int VERSION = 3;

  private TaskStateFile() {}

  /** What one operator contributes to its subtask's state file. */
  public interface OperatorState {
    String operatorId();

    /** The view of its keyed state, or null if it has none. */
    KeyedStateSnapshot keyedState();

    /**
     * Writes its timers block (nothing if it has none), of their own format (see {@code
     * InternalTimerService#snapshot}), after its keyed state. Checkpoint I/O thread.
     */
    void writeTimers(DataOutputViewStream out, SnapshotTarget target) throws IOException;

    /** Its operator state and source splits as the footer holds them: int length and bytes, then the splits. */
    byte[] otherState();
  }

  /** One operator's part of a subtask's state file, as read back; blocks are null when empty. */
  public record OperatorPart(String operatorId, StateBlock keyed, StateBlock timers, byte[] operatorState,
      List<OperatorRestore.RestoredSplit> splits) {}

  /** What a subtask's state file holds: its operators' parts and its in-flight data block (null when none). */
  public record Contents(List<OperatorPart> operators, StateBlock channelState) {}

  /** Writes a subtask's state file of {@code operators} without in-flight data to {@code out}. */
  public static void write(List<? extends OperatorState> operators, DataOutputViewStream out, SnapshotTarget target)
      throws IOException {
    write(operators, ChannelState.NONE, out, target);
  }

  /** Writes a subtask's state file of {@code operators} and {@code channelState} to {@code out}. Checkpoint I/O thread. */
  public static void write(List<? extends OperatorState> operators, ChannelState channelState,
      DataOutputViewStream out, SnapshotTarget target) throws IOException {
    long[] keyed = new long[2 * operators.size()];
    long[] timers = new long[2 * operators.size()];
    out.writeInt(VERSION);
    for (int i = 0; i < operators.size(); i++) {
      OperatorState op = operators.get(i);
      keyed[2 * i] = out.position();
      if (op.keyedState() != null) {
        op.keyedState().write(out, target);
      }
      keyed[2 * i + 1] = out.position() - keyed[2 * i];
      timers[2 * i] = out.position();
      op.writeTimers(out, target);
      timers[2 * i + 1] = out.position() - timers[2 * i];
    }
    long channelPosition = 0;
    long channelLength = 0;
    if (!channelState.isEmpty()) {
      channelPosition = out.position();
      channelState.write(out);
      channelLength = out.position() - channelPosition;
    }
    long footer = out.position();
    out.writeInt(operators.size());
    for (int i = 0; i < operators.size(); i++) {
      out.writeUTF(operators.get(i).operatorId());
      out.writeLong(keyed[2 * i]);
      out.writeLong(keyed[2 * i + 1]);
      out.writeLong(timers[2 * i]);
      out.writeLong(timers[2 * i + 1]);
      out.write(operators.get(i).otherState());
    }
    out.writeLong(channelPosition);
    out.writeLong(channelLength);
    out.writeLong(footer);
  }

  /**
   * The operators' parts of the state file of {@code handle}: of version 2 only the footer is read
   * now (the blocks when a restore opens them); a file of version 1 is read whole.
   */
  public static List<OperatorPart> read(TaskStateHandle handle) throws IOException {
    return readContents(handle).operators();
  }

  /**
   * The operators' parts and where the in-flight data is in the state file of {@code handle}; of
   * versions 2 and 3 only the footer is read now.
   */
  public static Contents readContents(TaskStateHandle handle) throws IOException {
    StateBlock file = new FileStateBlock(handle.path(), 0, handle.size());
    int version = file.version();
    if (version == 1) {
      return new Contents(readInline(new DataInputDeserializer(file.readAll())), null);
    }
    if (version != 2 && version != VERSION) {
      throw new IOException("Subtask state " + handle.path() + " has version " + version + "; this version reads 1 to "
          + VERSION);
    }
    long footer;
    try (DataInputViewStream in = file.open(handle.size() - 8, 8)) {
      footer = in.readLong();
    }
    if (footer < 4 || footer > handle.size() - 8) {
      throw new IOException("Subtask state " + handle.path() + " has a malformed footer position " + footer);
    }
    try (DataInputViewStream in = file.open(footer, handle.size() - 8 - footer)) {
      int operators = count(in, 1);
      List<OperatorPart> parts = new ArrayList<>();
      for (int op = 0; op < operators; op++) {
        String id = in.readUTF();
        StateBlock keyed = block(handle, in.readLong(), in.readLong());
        StateBlock timers = block(handle, in.readLong(), in.readLong());
        byte[] operatorState = readBytes(in);
        parts.add(new OperatorPart(id, keyed, timers, operatorState, readSplits(in)));
      }
      if (version == 2) {
        return new Contents(parts, null);
      }
      long channelPosition = in.readLong();
      long channelLength = in.readLong();
      if (channelLength != 0 && (channelPosition < 4 || channelLength < 0 || channelPosition + channelLength > footer)) {
        throw new IOException("Subtask state " + handle.path() + " has a malformed in-flight data block at "
            + channelPosition + " of " + channelLength + " bytes");
      }
      return new Contents(parts, block(handle, channelPosition, channelLength));
    }
  }

  /** Reads the in-flight data block of a state file ({@link Contents#channelState()}); {@code source} names it in errors. */
  public static ChannelState readChannelState(StateBlock block, String source) throws IOException {
    if (block == null) {
      return ChannelState.NONE;
    }
    try (DataInputViewStream in = block.open(0, block.length())) {
      return ChannelState.read(in, block.length(), source);
    }
  }

  private static StateBlock block(TaskStateHandle handle, long position, long length) {
    return length == 0 ? null : new FileStateBlock(handle.path(), position, length);
  }

  /** The parts of a version 1 file, after its version. */
  private static List<OperatorPart> readInline(DataInputDeserializer in) throws IOException {
    in.readInt();
    int operators = count(in, 1);
    List<OperatorPart> parts = new ArrayList<>();
    for (int op = 0; op < operators; op++) {
      String id = in.readUTF();
      parts.add(readInlinePart(id, in));
    }
    return parts;
  }

  /**
   * One operator's inline part, after its id: int length and bytes of its keyed state, of its timers
   * and of its operator state, then its splits (version 1 files, and the snapshots harnesses take).
   */
  static OperatorPart readInlinePart(String operatorId, io.nagare.api.serialization.DataInputView in)
      throws IOException {
    byte[] keyed = readBytes(in);
    byte[] timers = readBytes(in);
    byte[] operatorState = readBytes(in);
    return new OperatorPart(operatorId, keyed.length == 0 ? null : StateBlock.of(keyed),
        timers.length == 0 ? null : StateBlock.of(timers), operatorState, readSplits(in));
  }

  private static List<OperatorRestore.RestoredSplit> readSplits(io.nagare.api.serialization.DataInputView in)
      throws IOException {
    int n = count(in, 8);
    List<OperatorRestore.RestoredSplit> splits = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      int splitVersion = in.readInt();
      splits.add(new OperatorRestore.RestoredSplit(splitVersion, readBytes(in)));
    }
    return splits;
  }

  private static byte[] readBytes(io.nagare.api.serialization.DataInputView in) throws IOException {
    byte[] bytes = new byte[count(in, 1)];
    in.readFully(bytes);
    return bytes;
  }

  /**
   * A count read from {@code in} of things at least {@code width} bytes long each: refused before
   * anything is allocated if it is negative or more than the bytes left could hold.
   */
  private static int count(io.nagare.api.serialization.DataInputView in, int width) throws IOException {
    int n = in.readInt();
    long left = in instanceof DataInputViewStream stream ? stream.remaining()
        : in instanceof DataInputDeserializer bytes ? bytes.available() : Long.MAX_VALUE;
    if (n < 0 || (long) n * width > left) {
      throw new IOException("Corrupt subtask state: " + n + " entries announced, " + left + " bytes left");
    }
    return n;
  }
}
