package io.nagare.connectors.file;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the {@code testfs:} scheme (declared in the test classpath's
 * core-site.xml), counting the files it opens and, per file, the bytes its readers take from the
 * streams it opens (what the reader reads, not what the disk serves): proves a source goes through
 * the Hadoop FileSystem API for a scheme that is not {@code file}, and how much of a checkpoint file
 * a restore reads.
 */
public final class CountingTestFileSystem extends RawLocalFileSystem {
  static final AtomicInteger OPENED = new AtomicInteger();
  private static final Map<String, AtomicLong> READ = new ConcurrentHashMap<>();

  @Override
  public String getScheme() {
    return "testfs";
  }

  @Override
  public URI getUri() {
    return URI.create("testfs:///");
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    OPENED.incrementAndGet();
    AtomicLong read = READ.computeIfAbsent(f.toUri().getPath(), p -> new AtomicLong());
    return new FSDataInputStream(new CountingStream(super.open(f, bufferSize), read));
  }

  /** Bytes read from {@code path} (a path of this file system) since the last {@link #resetBytesRead}. */
  public static long bytesRead(Path path) {
    AtomicLong read = READ.get(path.toUri().getPath());
    return read == null ? 0 : read.get();
  }

  public static void resetBytesRead() {
    READ.clear();
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
