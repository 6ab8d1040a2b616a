package io.nagare.cluster;

import io.nagare.history.JobArchive;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ended jobs' archives ({@link JobArchive}) to {@code jobmanager.archive.fs.dir} on its own
 * thread {@code nagare-archive}, so the job manager's thread never waits for the file system. A job
 * that cannot be archived is logged and ends all the same.
 */
final class JobArchiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobArchiver.class);

  private final String directory;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nagare-archive");
    t.setDaemon(true);
    return t;
  });

  /** An archiver into {@code directory}; empty: archives nothing. */
  JobArchiver(String directory) {
    this.directory = directory.trim();
  }

  /** Whether ended jobs are archived. */
  boolean isOn() {
    return !directory.isEmpty();
  }

  /**
   * Archives job {@code name} ({@code jobId}) with its REST {@code answers} by path, then runs
   * {@code then} (on the archive thread, or at once when there is nothing to write).
   */
  void archive(String jobId, String name, Map<String, Object> answers, Runnable then) {
    if (directory.isEmpty()) {
      then.run();
      return;
    }
    JobArchive archive;
    try {
      archive = JobArchive.of(jobId, answers);
    } catch (IOException e) {
      LOG.warn("Job '{}' ({}) cannot be archived: {}", name, jobId, e.toString());
      then.run();
      return;
    }
    thread.execute(() -> {
      try {
        archive.writeTo(directory);
        LOG.info("Job '{}' ({}) archived to {}/{}", name, jobId, directory, jobId);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Job '{}' ({}) cannot be archived to {}: {}", name, jobId, directory, e.toString());
      } finally {
        then.run();
      }
    });
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
