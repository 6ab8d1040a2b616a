package io.nagare.state;

import io.nagare.serialization.DataOutputViewStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Keyed state snapshots written to memory, for backend tests. */
public final class Snapshots {
  private Snapshots() {}

  /** The bytes {@code snapshot} writes with {@code target} (which may be null for the heap backend). */
  public static byte[] bytesOf(KeyedStateSnapshot snapshot, SnapshotTarget target) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputViewStream out = new DataOutputViewStream(bytes);
    snapshot.write(out, target);
    out.flush();
    return bytes.toByteArray();
  }
}
