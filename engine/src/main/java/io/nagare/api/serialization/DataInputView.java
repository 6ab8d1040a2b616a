package io.nagare.api.serialization;

import java.io.DataInput;
import java.io.IOException;

/** Where a {@link TypeSerializer} reads from: {@link DataInput} plus a compact variable-length int. */
public interface DataInputView extends DataInput {
  /** Reads what {@link DataOutputView#writeVarInt} wrote. */
  int readVarInt() throws IOException;
}
