package io.nagare.runtime.checkpoint;

import io.nagare.fs.HadoopFileSystems;
import io.nagare.serialization.DataInputViewStream;
import io.nagare.state.StateBlock;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * A block of a subtask's state file ({@link TaskStateFile}): {@code length} bytes from {@code
 * position}. Each {@link #open} opens the file, seeks and reads no further than asked. Immutable.
 */
record FileStateBlock(String path, long position, long length) implements StateBlock {

  @Override
  public DataInputViewStream open(long from, long bytes) throws IOException {
    if (from < 0 || bytes < 0 || from + bytes > length) {
      throw new IndexOutOfBoundsException("[" + from + ", " + (from + bytes) + ") of a block of " + length
          + " bytes in " + path);
    }
    Path file = new Path(path);
    FSDataInputStream in = HadoopFileSystems.of(file).open(file);
    try {
      in.seek(position + from);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    return new DataInputViewStream(in, bytes);
  }
}
