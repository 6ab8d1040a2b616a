package io.nagare.connectors.file;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the {@code testfs:} scheme (declared in the test classpath's
 * core-site.xml), counting the files it opens: proves a source goes through the Hadoop FileSystem
 * API for a scheme that is not {@code file}.
 */
public final class CountingTestFileSystem extends RawLocalFileSystem {
  static final AtomicInteger OPENED = new AtomicInteger();

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
    return super.open(f, bufferSize);
  }
}
