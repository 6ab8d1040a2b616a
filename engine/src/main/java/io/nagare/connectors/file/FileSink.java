package io.nagare.connectors.file;

import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.TwoPhaseCommitSinkFunction;
import io.nagare.api.typeinfo.PojoField;
import io.nagare.api.typeinfo.RecordTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.fs.HadoopFileSystems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An exactly-once sink of text lines ({@code toString()} of each record) into a directory on any
 * Hadoop file system. Each checkpoint's records go into part files of one transaction:
 * {@code .part-<txn>-<n>.inprogress} while written, renamed to {@code .part-<txn>-<n>.pending} when
 * the checkpoint is taken, and to the visible {@code part-<txn>-<n>} once it is complete. A part
 * file is also rolled when it reaches the rolling size. After a restore the pending files of the
 * restored checkpoint are committed and the open transaction's files are deleted — whole files,
 * so no file ever needs truncating (which the local file system cannot do). Readers should ignore
 * names starting with '.'.
 *
 * <pre>{@code
 * stream.addSink(FileSink.forRowFormat("hdfs:///out/counts").withRollingSize(128 << 20).build());
 * }</pre>
 */
public final class FileSink<IN> extends TwoPhaseCommitSinkFunction<IN, FileSink.Transaction> {
  private static final long serialVersionUID = 1L;

  /** One transaction: its part files are named by its id (part {@code n} is the n-th file rolled). */
  public record Transaction(String id) {}

  private final String directory;
  private final long rollingSize;
  private transient FileSystem fs;
  private transient Path dir;
  private transient FSDataOutputStream out;
  private transient Transaction open;
  private transient int openParts;
  private transient long written;

  private FileSink(String directory, long rollingSize) {
    super(transactionType());
    this.directory = directory;
    this.rollingSize = rollingSize;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeInformation<Transaction> transactionType() {
    return new RecordTypeInfo(Transaction.class, List.of(new PojoField("id", Types.STRING)));
  }

  /** Starts a sink of lines into {@code directory}. */
  public static Builder forRowFormat(String directory) {
    return new Builder(directory);
  }

  /** Settings of a {@link FileSink}. */
  public static final class Builder {
    private final String directory;
    private long rollingSize = 128L << 20;

    Builder(String directory) {
      this.directory = directory;
    }

    /** Rolls to a new part file once one has this many bytes (default 128 MiB). */
    public Builder withRollingSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("The rolling size must be positive, not " + bytes);
      }
      this.rollingSize = bytes;
      return this;
    }

    public <IN> FileSink<IN> build() {
      return new FileSink<>(directory, rollingSize);
    }
  }

  private FileSystem fs() throws IOException {
    if (fs == null) {
      Path p = new Path(directory);
      fs = HadoopFileSystems.of(p);
      dir = fs.makeQualified(p);
      fs.mkdirs(dir);
    }
    return fs;
  }

  @Override
  public void open(OpenContext context) throws Exception {
    fs();
  }

  private Path part(String txn, int n, String suffix) {
    return suffix.isEmpty() ? new Path(dir, "part-" + txn + "-" + n) : new Path(dir, ".part-" + txn + "-" + n + suffix);
  }

  @Override
  protected Transaction beginTransaction() {
    open = new Transaction(UUID.randomUUID().toString());
    openParts = 0;
    return open;
  }

  @Override
  protected void invoke(Transaction transaction, IN value, Context context) throws Exception {
    if (out == null) {
      out = fs().create(part(transaction.id(), openParts, ".inprogress"), false);
      openParts++;
      written = 0;
    }
    byte[] line = (value + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(line);
    written += line.length;
    if (written >= rollingSize) {
      out.close();
      out = null;
    }
  }

  @Override
  protected void preCommit(Transaction transaction) throws Exception {
    if (out != null) {
      out.close();
      out = null;
    }
    int parts = transaction.id().equals(open.id()) ? openParts : 0;
    for (int n = 0; n < parts; n++) {
      Path inProgress = part(transaction.id(), n, ".inprogress");
      if (!fs().rename(inProgress, part(transaction.id(), n, ".pending"))) {
        throw new IOException("Could not rename " + inProgress + " to pending");
      }
    }
  }

  @Override
  protected void commit(Transaction transaction) throws Exception {
    for (FileStatus f : pending(transaction.id())) {
      String name = f.getPath().getName();
      Path visible = new Path(dir, name.substring(1, name.length() - ".pending".length()));
      if (!fs().rename(f.getPath(), visible) && !fs().exists(visible)) {
        throw new IOException("Could not commit " + f.getPath() + " as " + visible);
      }
    }
  }

  private FileStatus[] pending(String txn) throws IOException {
    FileStatus[] files = fs().globStatus(new Path(dir, ".part-" + txn + "-*.pending"));
    return files == null ? new FileStatus[0] : files;
  }

  @Override
  protected void abort(Transaction transaction) throws Exception {
    if (out != null && open != null && transaction.id().equals(open.id())) {
      out.close();
      out = null;
    }
    FileStatus[] files = fs().globStatus(new Path(dir, ".part-" + transaction.id() + "-*"));
    if (files != null) {
      for (FileStatus f : files) {
        fs().delete(f.getPath(), false);
      }
    }
  }
}
