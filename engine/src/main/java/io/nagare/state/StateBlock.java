package io.nagare.state;

import io.nagare.serialization.DataInputViewStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A snapshot's block of keyed state or timers where a restore finds it: a range of a checkpoint
 * file, or bytes in memory (harnesses, tests). A restore reads the parts it needs by position, so a
 * subtask takes from a key-group-indexed block only the index and its own key groups (see {@link
 * KeyGroupedStateWriter}). Immutable; each {@link #open} is read by one thread.
 */
public interface StateBlock {

  /** The block's size in bytes. */
  long length();

  /**
   * The bytes {@code [position, position + length)} of the block, read from the file as they are
   * consumed and never beyond; the caller closes it.
   */
  DataInputViewStream open(long position, long length) throws IOException;

  /** The first int of the block: the version of its format. */
  default int version() throws IOException {
    try (DataInputViewStream in = open(0, 4)) {
      return in.readInt();
    }
  }

  /**
   * The whole block as one array, for formats without an index (written by earlier versions, or
   * small).
   *
   * @throws IOException if the block does not fit into an array
   */
  default byte[] readAll() throws IOException {
    if (length() > Integer.MAX_VALUE - 8) {
      throw new IOException("A state block of " + length() + " bytes in a format without a key-group index cannot be"
          + " read into memory (at most 2 GB)");
    }
    byte[] bytes = new byte[(int) length()];
    try (DataInputViewStream in = open(0, length())) {
      in.readFully(bytes);
    }
    return bytes;
  }

  /** A block of bytes in memory. */
  static StateBlock of(byte[] bytes) {
    return new StateBlock() {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public DataInputViewStream open(long position, long length) {
        if (position < 0 || length < 0 || position + length > bytes.length) {
          throw new IndexOutOfBoundsException("[" + position + ", " + (position + length) + ") of " + bytes.length
              + " bytes");
        }
        return new DataInputViewStream(new ByteArrayInputStream(bytes, (int) position, (int) length), length);
      }

      @Override
      public byte[] readAll() {
        return bytes;
      }
    };
  }
}
