package io.nagare.runtime.checkpoint;

import io.nagare.state.SnapshotTarget;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@link SnapshotTarget} of one subtask's part of one checkpoint: uploads into the job's
 * {@code shared/} directory under unique names and records every shared file the part uses, for
 * the coordinator's reference counts. Confined to the checkpoint I/O thread that writes the part.
 */
public final class SharedFiles implements SnapshotTarget {
  private final boolean savepoint;
  private final Path directory;
  private final Map<String, Long> files = new HashMap<>();
  private final Set<String> reused = new HashSet<>();
  private long uploadedBytes;

  SharedFiles(boolean savepoint, Path directory) {
    this.savepoint = savepoint;
    this.directory = directory;
  }

  @Override
  public boolean isSavepoint() {
    return savepoint;
  }

  @Override
  public boolean isShared(String path) {
    return new Path(path).getParent().equals(directory);
  }

  @Override
  public String upload(java.nio.file.Path localFile) throws IOException {
    if (savepoint) {
      throw new IllegalStateException("A savepoint must be self-contained; it cannot upload shared files");
    }
    Path target = new Path(directory, UUID.randomUUID() + "-" + localFile.getFileName());
    FileSystem fs = target.getFileSystem(new Configuration());
    fs.copyFromLocalFile(false, true, new Path(localFile.toUri()), target);
    long size = java.nio.file.Files.size(localFile);
    uploadedBytes += size;
    files.put(target.toString(), size);
    return target.toString();
  }

  @Override
  public void reference(String path, long size) {
    files.put(path, size);
    reused.add(path);
  }

  Set<String> reused() {
    return reused;
  }

  Map<String, Long> files() {
    return files;
  }

  long uploadedBytes() {
    return uploadedBytes;
  }
}
