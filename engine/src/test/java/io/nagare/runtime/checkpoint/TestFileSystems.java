package io.nagare.runtime.checkpoint;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.Progressable;

/** Hadoop file systems for checkpoint tests, declared in the test classpath's core-site.xml. */
final class TestFileSystems {
  private TestFileSystems() {}

  /** Records processed by the job under test (its function increments this). */
  static final AtomicLong PROCESSED = new AtomicLong();
  static volatile long progressTarget = Long.MAX_VALUE;
  static volatile CountDownLatch progressed = new CountDownLatch(1);
  /** Whether records kept flowing while the first state write was blocked. */
  static volatile Boolean flowedWhileBlocked;

  /** Called by the job's function for every record. */
  static void recordProcessed() {
    if (PROCESSED.incrementAndGet() >= progressTarget) {
      progressed.countDown();
    }
  }

  /**
   * The local disk under {@code blockingfs:}: the first subtask state write waits until the job has
   * processed 100,000 more records (or 60 s), proving processing goes on while a checkpoint is
   * written.
   */
  public static final class Blocking extends RawLocalFileSystem {
    private static final AtomicInteger BLOCKED = new AtomicInteger();

    @Override
    public String getScheme() {
      return "blockingfs";
    }

    @Override
    public URI getUri() {
      return URI.create("blockingfs:///");
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
        Progressable progress) throws IOException {
      if (!f.getName().startsWith(".") && BLOCKED.getAndIncrement() == 0) {
        progressed = new CountDownLatch(1);
        progressTarget = PROCESSED.get() + 100_000;
        try {
          flowedWhileBlocked = progressed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    static void reset() {
      BLOCKED.set(0);
      flowedWhileBlocked = null;
      progressTarget = Long.MAX_VALUE;
    }
  }

  /** The local disk under {@code failingfs:}: the first {@link #FAIL_WRITES} file creations fail like a full disk. */
  public static final class Failing extends RawLocalFileSystem {
    static final int FAIL_WRITES = 3;
    static final AtomicInteger FAILED = new AtomicInteger();

    @Override
    public String getScheme() {
      return "failingfs";
    }

    @Override
    public URI getUri() {
      return URI.create("failingfs:///");
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
        Progressable progress) throws IOException {
      if (FAILED.get() < FAIL_WRITES && FAILED.incrementAndGet() <= FAIL_WRITES) {
        throw new IOException("No space left on device (test)");
      }
      return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }
  }
}
