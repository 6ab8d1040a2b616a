package io.nagare.runtime.checkpoint;

import io.nagare.fs.HadoopFileSystems;
import io.nagare.state.SharedUploader;
import io.nagare.state.SnapshotTarget;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
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

  private final SharedUploader uploader;

  SharedFiles(boolean savepoint, Path directory, SharedUploader uploader) {
    this.savepoint = savepoint;
    this.directory = directory;
    this.uploader = uploader;
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
    String path = uploader.upload(localFile);
    adopt(path, java.nio.file.Files.size(localFile));
    return path;
  }

  @Override
  public void adopt(String path, long size) {
    uploadedBytes += size;
    files.put(path, size);
  }

  @Override
  public SharedUploader uploader() {
    return savepoint ? null : uploader;
  }

  /** Where shared files go; resolved when first needed. */
  @FunctionalInterface
  interface Directory {
    Path get() throws IOException;
  }

  /** Uploads into one shared directory; stateless apart from it, so any thread may use it. */
  static final class DirectoryUploader implements SharedUploader {
    private final Directory directory;

    DirectoryUploader(Directory directory) {
      this.directory = directory;
    }

    @Override
    public String upload(java.nio.file.Path localFile) throws IOException {
      Path target = new Path(directory.get(), UUID.randomUUID() + "-" + localFile.getFileName());
      FileSystem fs = withoutChecksumFiles(HadoopFileSystems.of(target));
      try (InputStream in = java.nio.file.Files.newInputStream(localFile)) {
        try (FSDataOutputStream out = fs.create(target, false)) {
          in.transferTo(out);
        } catch (IOException | RuntimeException e) {
          fs.delete(target, false);
          throw e;
        }
      }
      return target.toString();
    }

    @Override
    public void delete(String path) throws IOException {
      Path file = new Path(path);
      withoutChecksumFiles(HadoopFileSystems.of(file)).delete(file, false);
    }
  }

  /**
   * The file system beneath a client-side checksumming one (the local file system's .crc files):
   * SST files carry their own block checksums, so a second checksum only costs time.
   */
  static FileSystem withoutChecksumFiles(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
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
