package io.nagare.state;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Puts files into a job's shared checkpoint directory, independent of any one checkpoint: a state
 * backend may upload files it expects the next checkpoint to need before that checkpoint starts,
 * and hand them to it with {@link SnapshotTarget#adopt}. Thread-safe.
 */
public interface SharedUploader {

  /** Copies a local file into the shared directory under a new unique name; returns its full path. */
  String upload(Path localFile) throws IOException;

  /** Deletes a file this uploader uploaded that no checkpoint adopted. */
  void delete(String path) throws IOException;
}
