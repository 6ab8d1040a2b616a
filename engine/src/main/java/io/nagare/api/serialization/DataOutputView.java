package io.nagare.api.serialization;

import java.io.DataOutput;
import java.io.IOException;

/** Where a {@link TypeSerializer} writes: {@link DataOutput} plus a compact variable-length int. */
public interface DataOutputView extends DataOutput {
  /** Writes a non-negative int in 1–5 bytes (7 bits per byte, high bit set on all but the last). */
  void writeVarInt(int value) throws IOException;
}
