package io.nagare.runtime.operators;

import io.nagare.api.serialization.DataOutputView;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.SnapshotTarget;
import java.io.IOException;

/**
 * One operator's part of a checkpoint, taken on the subtask's thread: the view of its keyed state
 * (null if it has none) and the already serialised rest (timers, operator state, splits). The
 * checkpoint I/O thread writes it with {@link #write} and then releases it.
 */
public final class OperatorSnapshot {
  private final String operatorId;
  private final KeyedStateSnapshot keyed;
  private final byte[] rest;

  OperatorSnapshot(String operatorId, KeyedStateSnapshot keyed, byte[] rest) {
    this.operatorId = operatorId;
    this.keyed = keyed;
    this.rest = rest;
  }

  /** Writes UTF operator id, int length and bytes of the keyed state, then the rest. I/O thread. */
  public void write(DataOutputView out, SnapshotTarget target) throws IOException {
    out.writeUTF(operatorId);
    if (keyed == null) {
      out.writeInt(0);
    } else {
      DataOutputSerializer bytes = new DataOutputSerializer(4096);
      keyed.write(bytes, target);
      out.writeInt(bytes.length());
      out.write(bytes.getSharedBuffer(), 0, bytes.length());
    }
    out.write(rest);
  }

  /** Frees the keyed state view. Any thread, once. */
  public void release() {
    if (keyed != null) {
      keyed.release();
    }
  }
}
