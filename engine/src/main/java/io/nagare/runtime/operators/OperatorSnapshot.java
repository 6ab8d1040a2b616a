package io.nagare.runtime.operators;

import io.nagare.api.serialization.DataOutputView;
import io.nagare.runtime.checkpoint.TaskStateFile;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.SnapshotTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * One operator's part of a checkpoint, taken on the subtask's thread: the view of its keyed state
 * (null if it has none), its heap timers and the rest (operator state, splits), already serialised
 * (timers the backend stores are written from the keyed state's view, see {@link
 * KeyedStateSnapshot#writeTimers}). The
 * checkpoint I/O thread streams it into the subtask's state file ({@link TaskStateFile}) and then
 * releases it.
 */
public final class OperatorSnapshot implements TaskStateFile.OperatorState {
  private final String operatorId;
  private final KeyedStateSnapshot keyed;
  private final byte[] timers;
  private final byte[] rest;

  OperatorSnapshot(String operatorId, KeyedStateSnapshot keyed, byte[] timers, byte[] rest) {
    this.operatorId = operatorId;
    this.keyed = keyed;
    this.timers = timers;
    this.rest = rest;
  }

  @Override
  public String operatorId() {
    return operatorId;
  }

  @Override
  public KeyedStateSnapshot keyedState() {
    return keyed;
  }

  /** The bytes of the heap timers, serialised on the subtask's thread (empty if there are none). */
  public byte[] synchronousTimerBytes() {
    return timers;
  }

  /** Writes the heap timers' bytes, or else the timers of the keyed state's view if it holds any. */
  @Override
  public void writeTimers(DataOutputViewStream out, SnapshotTarget target) throws IOException {
    if (timers.length > 0) {
      out.write(timers);
    } else if (keyed != null) {
      keyed.writeTimers(out, target);
    }
  }

  @Override
  public byte[] otherState() {
    return rest;
  }

  /**
   * Writes the operator's part inline, as harnesses keep snapshots in memory: UTF operator id, int
   * length and bytes of the keyed state and of the timers, then the rest. I/O thread.
   */
  public void write(DataOutputView out, SnapshotTarget target) throws IOException {
    out.writeUTF(operatorId);
    if (keyed == null) {
      out.writeInt(0);
    } else {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputViewStream stream = new DataOutputViewStream(bytes);
      keyed.write(stream, target);
      stream.flush();
      out.writeInt(bytes.size());
      out.write(bytes.toByteArray());
    }
    ByteArrayOutputStream timerBytes = new ByteArrayOutputStream();
    DataOutputViewStream timerStream = new DataOutputViewStream(timerBytes);
    writeTimers(timerStream, target);
    timerStream.flush();
    out.writeInt(timerBytes.size());
    out.write(timerBytes.toByteArray());
    out.write(rest);
  }

  /** Frees the keyed state view. Any thread, once. */
  public void release() {
    if (keyed != null) {
      keyed.release();
    }
  }
}
