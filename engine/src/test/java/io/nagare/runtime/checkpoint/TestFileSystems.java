package io.nagare.runtime.checkpoint;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSInputStream;
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

  /**
   * The local disk under {@code countingfs:}, counting per file the bytes its readers take from the
   * streams it opens (what nagare reads, not what the disk serves).
   */
  public static final class Counting extends RawLocalFileSystem {
    private static final java.util.Map<String, AtomicLong> READ = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public String getScheme() {
      return "countingfs";
    }

    @Override
    public URI getUri() {
      return URI.create("countingfs:///");
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
      AtomicLong read = READ.computeIfAbsent(f.toUri().getPath(), p -> new AtomicLong());
      return new FSDataInputStream(new CountingStream(super.open(f, bufferSize), read));
    }

    /** Bytes read from {@code path} (a path of this file system) since the last {@link #reset}. */
    static long bytesRead(Path path) {
      AtomicLong read = READ.get(path.toUri().getPath());
      return read == null ? 0 : read.get();
    }

    static void reset() {
      READ.clear();
    }
  }

  /** A stream that adds the bytes it returns to a counter. */
  private static final class CountingStream extends FSInputStream {
    private final FSDataInputStream in;
    private final AtomicLong read;

    CountingStream(FSDataInputStream in, AtomicLong read) {
      this.in = in;
      this.read = read;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        read.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        read.addAndGet(n);
      }
      return n;
    }

    @Override
    public void seek(long pos) throws IOException {
      in.seek(pos);
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public boolean seekToNewSource(long targetPos) throws IOException {
      return in.seekToNewSource(targetPos);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
