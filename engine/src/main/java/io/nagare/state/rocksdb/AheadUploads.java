package io.nagare.state.rocksdb;

import io.nagare.state.SharedUploader;
import io.nagare.state.SnapshotTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.CompactionJobInfo;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads SST files to the job's shared checkpoint directory as soon as RocksDB writes them
 * (flushes and compactions), so that a checkpoint finds most of its new files already uploaded and
 * only adopts them: what a checkpoint waits for no longer grows with the compactions that happened
 * since the previous one. A file is owned here until a checkpoint adopts it ({@link #claim}); one
 * that compaction deletes before any checkpoint adopted it is deleted from the shared directory
 * too, and so is every unadopted file when the backend closes. (A process that dies leaves its
 * unadopted uploads behind, as a failed checkpoint upload would.)
 *
 * <p>Threads: RocksDB's background threads report new and deleted files; one uploader thread owned
 * by this object uploads and deletes; the checkpoint I/O thread claims. The only shared state is
 * the concurrent map from file name to its upload, from which each entry is removed exactly once.
 */
final class AheadUploads extends AbstractEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(AheadUploads.class);

  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final ExecutorService uploader = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nagare-rocksdb-uploader");
    t.setDaemon(true);
    return t;
  });
  private volatile SharedUploader target;
  private volatile boolean closed;

  AheadUploads() {
    super(EnabledEventCallback.ON_FLUSH_COMPLETED, EnabledEventCallback.ON_COMPACTION_COMPLETED);
  }

  /** Starts uploading ahead into the shared directory of the checkpoints being written to {@code snapshotTarget}. */
  void useTarget(SnapshotTarget snapshotTarget) {
    useUploader(snapshotTarget.uploader());
  }

  /** Starts uploading ahead through {@code uploader} (the first one given is kept). */
  void useUploader(SharedUploader uploader) {
    if (target == null) {
      target = uploader;
    }
  }

  @Override
  public void onFlushCompleted(RocksDB db, FlushJobInfo info) {
    written(info.getFilePath());
  }

  @Override
  public void onCompactionCompleted(RocksDB db, CompactionJobInfo info) {
    info.outputFiles().forEach(this::written);
    info.inputFiles().forEach(this::deleted);
  }

  /**
   * One file's upload: done by the uploader thread unless nobody wants it any more by then; a file
   * no longer wanted once uploaded is deleted, by the uploader thread or by {@link #discard}.
   */
  private static final class Upload {
    final CompletableFuture<RocksSnapshot.RemoteFile> result = new CompletableFuture<>();
    /** Taken by whoever uploads the file: the uploader thread, or a checkpoint that will not wait in its queue. */
    final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    volatile boolean wanted = true;
  }

  private void written(String file) {
    SharedUploader to = target;
    if (to == null || closed) {
      return;
    }
    Path local = Path.of(file);
    uploads.computeIfAbsent(local.getFileName().toString(), name -> {
      Upload upload = new Upload();
      uploader.execute(() -> run(upload, to, local));
      return upload;
    });
  }

  private void run(Upload upload, SharedUploader to, Path local) {
    if (!upload.started.compareAndSet(false, true)) {
      return;
    }
    if (!upload.wanted) {
      upload.result.complete(null);
      return;
    }
    try {
      long size = Files.size(local);
      String path = to.upload(local);
      if (upload.wanted) {
        upload.result.complete(new RocksSnapshot.RemoteFile(path, size));
      } else {
        to.delete(path);
        upload.result.complete(null);
      }
    } catch (IOException | RuntimeException e) {
      upload.result.completeExceptionally(e);
    }
  }

  private void deleted(String file) {
    Upload upload = uploads.remove(Path.of(file).getFileName().toString());
    if (upload != null) {
      discard(upload);
    }
  }

  private void discard(Upload upload) {
    SharedUploader to = target;
    upload.wanted = false;
    upload.result.thenAccept(remote -> {
      if (remote != null) {
        try {
          to.delete(remote.path());
        } catch (IOException e) {
          LOG.warn("Could not delete {}, uploaded ahead for a checkpoint that never used it", remote.path(), e);
        }
      }
    });
  }

  /**
   * The upload of SST file {@code name}, which a checkpoint now owns, or null if the checkpoint
   * must upload it itself: it was not uploaded ahead, that upload failed, or it is still queued
   * behind others (a checkpoint does not wait for the uploader to reach it). Waits for an upload
   * in progress. Checkpoint I/O thread.
   */
  RocksSnapshot.RemoteFile claim(String name) {
    Upload upload = uploads.remove(name);
    if (upload == null) {
      return null;
    }
    if (upload.started.compareAndSet(false, true)) {
      upload.result.complete(null);
      return null;
    }
    try {
      return upload.result.get();
    } catch (ExecutionException e) {
      LOG.debug("Upload ahead of {} failed; the checkpoint uploads it itself", name, e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      discard(upload);
      return null;
    }
  }

  /** Waits until every upload queued so far has run (tests use this to make adoption deterministic). */
  void awaitQueued() throws InterruptedException, java.util.concurrent.ExecutionException {
    uploader.submit(() -> { }).get();
  }

  /**
   * Stops uploading and deletes every upload no checkpoint adopted; call after the database closed,
   * then {@link #close()} to free the native listener. Subtask thread.
   */
  void stop() {
    closed = true;
    for (String name : uploads.keySet()) {
      Upload upload = uploads.remove(name);
      if (upload != null) {
        discard(upload);
      }
    }
    uploader.shutdown();
    try {
      if (!uploader.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("RocksDB uploads ahead of checkpoints did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
