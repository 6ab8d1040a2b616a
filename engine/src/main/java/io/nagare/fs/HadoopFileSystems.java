package io.nagare.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The file systems checkpoints, sources and sinks use, looked up through one Hadoop {@link
 * Configuration} per process. Building a Hadoop configuration parses its XML resources (the defaults
 * plus whatever {@code core-site.xml} and {@code hdfs-site.xml} the classpath holds), which costs
 * milliseconds every time; reading a checkpoint opens one file per subtask, so a fresh
 * configuration per file made a restart measurably slower. The shared configuration is loaded on
 * first use and only read afterwards, which Hadoop allows from any thread.
 *
 * <p>One HDFS client setting differs from Hadoop's default unless a site file sets it: {@value
 * #CLOSE_RETRY_DELAY_KEY}. Closing an HDFS file waits until the NameNode has heard from a DataNode
 * that the last block is stored; if it has not yet, Hadoop's client asks again after 400 ms. That
 * wait, common for the small files a checkpoint writes, made checkpoints and the restarts waiting
 * for one take up to seconds longer; nagare asks again after {@value #CLOSE_RETRY_DELAY_MS} ms.
 *
 * <p>{@code file:} paths get one {@link LocalFileSystem} of the process, created directly rather
 * than through Hadoop's file system cache, unless {@code fs.file.impl} names another class. The
 * cache keys every file system by the calling user, so its first use logs the process's Hadoop user
 * in, loading Hadoop's security and metrics classes: about 150 ms of a job's start with local
 * checkpoints, for a file system that does not authenticate anyone. Its raw file system sets
 * permissions without starting a {@code chmod} process per file ({@link NioRawLocalFileSystem}).
 */
public final class HadoopFileSystems {
  private HadoopFileSystems() {}

  /** The HDFS client's first delay before asking again whether a closed file's last block is stored. */
  public static final String CLOSE_RETRY_DELAY_KEY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";
  static final int CLOSE_RETRY_DELAY_MS = 50;

  private static final class Holder {
    static final Configuration CONFIGURATION = withNagareDefaults(new Configuration());
  }

  /**
   * The process's local file system, or null when the configuration names another class in {@code
   * fs.file.impl} (Hadoop's cache then makes that one).
   */
  private static final class Local {
    static final LocalFileSystem FILE_SYSTEM = Holder.CONFIGURATION.get("fs.file.impl") == null ? open() : null;

    private static LocalFileSystem open() {
      LocalFileSystem fs = new LocalFileSystem(new NioRawLocalFileSystem());
      try {
        fs.initialize(URI.create("file:///"), Holder.CONFIGURATION);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open the local file system", e);
      }
      return fs;
    }
  }

  /** Adds the HDFS resources to {@code conf} and the setting above unless a site file has it. */
  static Configuration withNagareDefaults(Configuration conf) {
    conf.addResource("hdfs-default.xml");
    conf.addResource("hdfs-site.xml");
    String[] sources = conf.getPropertySources(CLOSE_RETRY_DELAY_KEY);
    if (sources == null || java.util.Arrays.stream(sources).allMatch("hdfs-default.xml"::equals)) {
      conf.setInt(CLOSE_RETRY_DELAY_KEY, CLOSE_RETRY_DELAY_MS);
    }
    return conf;
  }

  /**
   * The process's Hadoop configuration: the classpath's {@code core-site.xml} and {@code
   * hdfs-site.xml} over Hadoop's defaults, with the setting above. Read it; copy it to change it.
   */
  public static Configuration configuration() {
    return Holder.CONFIGURATION;
  }

  /** The (cached) file system of {@code path}. */
  public static FileSystem of(Path path) throws IOException {
    URI uri = path.toUri();
    if ("file".equals(uri.getScheme()) && uri.getAuthority() == null && Local.FILE_SYSTEM != null) {
      return Local.FILE_SYSTEM;
    }
    return path.getFileSystem(Holder.CONFIGURATION);
  }
}
