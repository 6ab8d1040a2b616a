package io.nagare.state;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where one subtask's snapshot goes, as seen by a state backend: whether it is a savepoint (which
 * must be self-contained, in the canonical format every backend reads) and, for checkpoints, the
 * job's shared directory for files that several checkpoints may reference (incremental RocksDB
 * files). Used by the checkpoint I/O thread only; remembers every shared file the snapshot uses.
 */
public interface SnapshotTarget {

  /** True for a savepoint: write the canonical, backend-independent format and no shared files. */
  boolean isSavepoint();

  /** True if {@code path} is a file in this job's shared directory, so a new checkpoint may reference it. */
  boolean isShared(String path);

  /** Copies a local file into the shared directory under a new unique name; returns its full path. */
  String upload(Path localFile) throws IOException;

  /** Records that this snapshot uses {@code path}, a shared file of {@code size} bytes that an earlier checkpoint holds. */
  void reference(String path, long size);

  /**
   * Makes {@code path}, uploaded earlier through {@link #uploader()} and owned by no checkpoint, this
   * snapshot's own upload, as if {@link #upload} had just put it there.
   */
  default void adopt(String path, long size) {
    throw new UnsupportedOperationException("This target does not take files uploaded in advance");
  }

  /** An uploader into the same shared directory that outlives this snapshot, or null if there is none. */
  default SharedUploader uploader() {
    return null;
  }
}
