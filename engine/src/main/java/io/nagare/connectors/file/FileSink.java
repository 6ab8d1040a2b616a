package io.nagare.connectors.file;

import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.CommitterInitContext;
import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.SupportsCommitter;
import io.nagare.api.connector.sink2.SupportsWriterState;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.fs.HadoopFileSystems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An exactly-once sink of text lines ({@code toString()} of each record) into a directory on any
 * Hadoop file system, on the sink API ({@code DataStream.sinkTo}). Each checkpoint's records of a
 * subtask form one transaction of part files: {@code .part-<txn>-<n>.inprogress} while written,
 * renamed to {@code .part-<txn>-<n>.pending} at the checkpoint's barrier (the committable), and to
 * the visible {@code part-<txn>-<n>} once the checkpoint is complete. A part file is also rolled
 * when it reaches the rolling size.
 *
 * <p>A writer's transactions are {@code <writer uuid>_<n>}, n counting up from 0 at each barrier.
 * The writer's state is the id of its open transaction. After a restore the committer renames the
 * restored checkpoint's pending files (a file already visible counts as committed) and the writer
 * deletes the files of the transaction that was open and of every later one of the same writer
 * (begun after a barrier whose checkpoint never completed) — whole files, so no file ever needs
 * truncating (which the local file system cannot do). A state of the earlier format (a bare uuid)
 * deletes that transaction only. Readers should ignore names starting with '.'.
 *
 * <pre>{@code
 * stream.sinkTo(FileSink.forRowFormat("hdfs:///out/counts").withRollingSize(128 << 20).build());
 * }</pre>
 *
 * @param <IN> record type
 */
public final class FileSink<IN> implements Sink<IN>, SupportsCommitter<FileSink.Committable>,
    SupportsWriterState<IN, String> {
  private static final long serialVersionUID = 2L;

  /** The pending part files of one transaction: {@code .part-<txn>-<n>.pending} for n below {@code parts}. */
  public record Committable(String transaction, int parts) {}

  private final String directory;
  private final long rollingSize;

  private FileSink(String directory, long rollingSize) {
    this.directory = directory;
    this.rollingSize = rollingSize;
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

  @Override
  public FileWriter<IN> createWriter(WriterInitContext context) throws IOException {
    return new FileWriter<>(new Directory(directory), rollingSize);
  }

  @Override
  public FileWriter<IN> restoreWriter(WriterInitContext context, Collection<String> openTransactions)
      throws IOException {
    Directory dir = new Directory(directory);
    for (String transaction : openTransactions) {
      dir.deleteTransactionsFrom(transaction);
    }
    return new FileWriter<>(dir, rollingSize);
  }

  @Override
  public SimpleVersionedSerializer<String> getWriterStateSerializer() {
    return new TransactionIdSerializer();
  }

  @Override
  public Committer<Committable> createCommitter(CommitterInitContext context) throws IOException {
    Directory dir = new Directory(directory);
    return new Committer<>() {
      @Override
      public void commit(Collection<CommitRequest<Committable>> requests) throws IOException {
        for (CommitRequest<Committable> request : requests) {
          dir.commit(request.getCommittable());
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public SimpleVersionedSerializer<Committable> getCommittableSerializer() {
    return new CommittableSerializer();
  }

  /** The sink's directory and the names of its files. */
  private static final class Directory {
    final FileSystem fs;
    final Path dir;

    Directory(String directory) throws IOException {
      Path p = new Path(directory);
      fs = HadoopFileSystems.of(p);
      dir = fs.makeQualified(p);
      fs.mkdirs(dir);
    }

    Path part(String transaction, int n, String suffix) {
      return suffix.isEmpty() ? new Path(dir, "part-" + transaction + "-" + n)
          : new Path(dir, ".part-" + transaction + "-" + n + suffix);
    }

    /** Makes a transaction's pending files visible; a part already visible counts as committed. */
    void commit(Committable c) throws IOException {
      for (int n = 0; n < c.parts(); n++) {
        Path pending = part(c.transaction(), n, ".pending");
        Path visible = part(c.transaction(), n, "");
        if (fs.exists(visible)) {
          continue;
        }
        if (!fs.exists(pending)) {
          throw new IOException("Could not commit " + pending + " as " + visible + ": neither exists");
        }
        if (!fs.rename(pending, visible)) {
          throw new IOException("Could not rename " + pending + " to " + visible);
        }
      }
    }

    /**
     * Deletes every file of uncommitted transaction {@code transaction} ({@code <writer>_<n>}) and of
     * the same writer's later transactions; for a bare id, of that transaction only.
     */
    void deleteTransactionsFrom(String transaction) throws IOException {
      int separator = transaction.lastIndexOf('_');
      String writer = separator < 0 ? transaction : transaction.substring(0, separator);
      long first = separator < 0 ? -1 : Long.parseLong(transaction.substring(separator + 1));
      FileStatus[] files = fs.globStatus(new Path(dir, ".part-" + writer + (separator < 0 ? "-*" : "_*")));
      if (files == null) {
        return;
      }
      for (FileStatus f : files) {
        if (separator >= 0 && sequenceOf(f.getPath().getName(), writer) < first) {
          continue;
        }
        if (!fs.delete(f.getPath(), false) && fs.exists(f.getPath())) {
          throw new IOException("Could not delete " + f.getPath() + " of aborted transaction " + transaction);
        }
      }
    }

    /** The n of a file {@code .part-<writer>_<n>-<part>...}. */
    private static long sequenceOf(String name, String writer) {
      String rest = name.substring((".part-" + writer + "_").length());
      return Long.parseLong(rest.substring(0, rest.indexOf('-')));
    }

  }

  /**
   * Writes one subtask's lines into the part files of its open transaction. Subtask thread only.
   */
  static final class FileWriter<IN> implements CommittingSinkWriter<IN, Committable>, StatefulSinkWriter<IN, String> {
    private final Directory dir;
    private final long rollingSize;
    /** Names this writer's transactions, {@code <writer>_<n>}. */
    private final String writer = UUID.randomUUID().toString();
    private long sequence;
    private String transaction = writer + "_0";
    private int parts;
    private FSDataOutputStream out;
    private long written;

    FileWriter(Directory dir, long rollingSize) {
      this.dir = dir;
      this.rollingSize = rollingSize;
    }

    @Override
    public void write(IN element, Context context) throws IOException {
      if (out == null) {
        out = dir.fs.create(dir.part(transaction, parts, ".inprogress"), false);
        parts++;
        written = 0;
      }
      byte[] line = (element + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(line);
      written += line.length;
      if (written >= rollingSize) {
        out.close();
        out = null;
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (out != null) {
        out.close();
        out = null;
      }
    }

    @Override
    public Collection<Committable> prepareCommit() throws IOException {
      flush(false);
      for (int n = 0; n < parts; n++) {
        Path inProgress = dir.part(transaction, n, ".inprogress");
        if (!dir.fs.rename(inProgress, dir.part(transaction, n, ".pending"))) {
          throw new IOException("Could not rename " + inProgress + " to pending");
        }
      }
      List<Committable> made = parts == 0 ? List.of() : List.of(new Committable(transaction, parts));
      transaction = writer + "_" + ++sequence;
      parts = 0;
      return made;
    }

    @Override
    public List<String> snapshotState(long checkpointId) {
      return List.of(transaction);
    }

    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
        out = null;
      }
    }
  }

  /** Version 1: UTF transaction id, int number of parts. */
  private static final class CommittableSerializer implements SimpleVersionedSerializer<Committable> {
    private static final long serialVersionUID = 1L;

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Committable c) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(c.transaction());
      out.writeInt(c.parts());
      return bytes.toByteArray();
    }

    @Override
    public Committable deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("FileSink committable version " + version + " is unknown; this version reads 1");
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
      return new Committable(in.readUTF(), in.readInt());
    }
  }

  /** Version 1: UTF transaction id. */
  private static final class TransactionIdSerializer implements SimpleVersionedSerializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(String transaction) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new DataOutputStream(bytes).writeUTF(transaction);
      return bytes.toByteArray();
    }

    @Override
    public String deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("FileSink writer state version " + version + " is unknown; this version reads 1");
      }
      return new DataInputStream(new ByteArrayInputStream(serialized)).readUTF();
    }
  }
}
