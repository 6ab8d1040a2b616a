package io.nagare.testing;

import io.nagare.state.SharedUploader;
import io.nagare.state.SnapshotTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A checkpoint target for tests: shared files go to a local directory; the target remembers what
 * the latest snapshot uploaded, adopted and referenced. Start a new snapshot with {@link #next()}.
 */
public final class LocalSharedDirectory implements SnapshotTarget {
  private final Path directory;
  private final Map<String, Long> uploaded = new LinkedHashMap<>();
  private final Map<String, Long> referenced = new LinkedHashMap<>();
  private final Map<String, Long> adopted = new LinkedHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile boolean uploadsAhead;
  private final SharedUploader uploader = new SharedUploader() {
    @Override
    public String upload(Path localFile) throws IOException {
      Files.createDirectories(directory);
      Path target = directory.resolve(sequence.getAndIncrement() + "-" + localFile.getFileName());
      Files.copy(localFile, target);
      return target.toString();
    }

    @Override
    public void delete(String path) throws IOException {
      Files.delete(Path.of(path));
    }
  };

  public LocalSharedDirectory(Path directory) {
    this.directory = directory;
  }

  /** Forgets the previous snapshot's files; returns this target for the next one. */
  public LocalSharedDirectory next() {
    uploaded.clear();
    referenced.clear();
    adopted.clear();
    return this;
  }

  @Override
  public boolean isSavepoint() {
    return false;
  }

  @Override
  public boolean isShared(String path) {
    return Path.of(path).getParent().equals(directory);
  }

  @Override
  public String upload(Path localFile) throws IOException {
    String path = uploader.upload(localFile);
    uploaded.put(path, Files.size(localFile));
    return path;
  }

  @Override
  public void adopt(String path, long size) {
    adopted.put(path, size);
  }

  /** Uploads ahead only if {@link #withUploadsAhead()} was called. */
  @Override
  public SharedUploader uploader() {
    return uploadsAhead ? uploader : null;
  }

  /** Lets backends upload files before a checkpoint asks for them. */
  public LocalSharedDirectory withUploadsAhead() {
    uploadsAhead = true;
    return this;
  }

  /** What the latest snapshot adopted from uploads done ahead of it. */
  public Map<String, Long> adopted() {
    return Map.copyOf(adopted);
  }

  @Override
  public void reference(String path, long size) {
    referenced.put(path, size);
  }

  /** Bytes the latest snapshot uploaded. */
  public long uploadedBytes() {
    return uploaded.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Bytes of every shared file the latest snapshot uses. */
  public long fullBytes() {
    return uploadedBytes() + referenced.values().stream().mapToLong(Long::longValue).sum()
        + adopted.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> uploaded() {
    return Map.copyOf(uploaded);
  }

  public Map<String, Long> referenced() {
    return Map.copyOf(referenced);
  }

  /** The files in the directory now. */
  public List<String> files() {
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return new ArrayList<>(files.map(Path::toString).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
