package io.nagare.connectors.file;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.connectors.base.PullingSourceReader;
import io.nagare.connectors.base.QueueSplitEnumerator;
import io.nagare.connectors.base.SplitCursor;
import io.nagare.fs.HadoopFileSystems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lines of a text file, or of the files of a directory (not recursive; names starting with
 * '.' or '_' are skipped, as in Hadoop), on any Hadoop file system: {@code file:}, {@code hdfs:} or
 * any scheme configured in the Hadoop configuration on the classpath; a path without a scheme is
 * local. Bounded.
 *
 * <p>The enumerator lists the files when the job starts (a missing path fails the job with a
 * {@link FileNotFoundException} naming it) and cuts each into byte-range {@link FileSplit}s of
 * about {@code size / parallelism}, at least {@code minSplitSize}; subtasks pull splits as they
 * finish, so faster ones read more. Every line is read exactly once: by the split its first byte
 * falls in. A split's position is the offset of its next line, so a snapshot resumes exactly.
 */
public final class TextFileSource implements Source<String, FileSplit, Collection<FileSplit>> {
  private static final long serialVersionUID = 1L;

  /** Splits smaller than this are not worth a seek. */
  public static final long DEFAULT_MIN_SPLIT_SIZE = 1024 * 1024;

  private final String path;
  private final long minSplitSize;

  public TextFileSource(String path) {
    this(path, DEFAULT_MIN_SPLIT_SIZE);
  }

  /** A source whose splits are at least {@code minSplitSize} bytes (tests use tiny ones). */
  public TextFileSource(String path, long minSplitSize) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("readTextFile: the path must not be empty");
    }
    if (minSplitSize < 1) {
      throw new IllegalArgumentException("minSplitSize must be at least 1, not " + minSplitSize);
    }
    this.path = path;
    this.minSplitSize = minSplitSize;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<FileSplit, Collection<FileSplit>> createEnumerator(
      SplitEnumeratorContext<FileSplit> context) throws IOException {
    return new QueueSplitEnumerator<>(context, split(context.currentParallelism()));
  }

  @Override
  public SplitEnumerator<FileSplit, Collection<FileSplit>> restoreEnumerator(
      SplitEnumeratorContext<FileSplit> context, Collection<FileSplit> checkpoint) {
    return new QueueSplitEnumerator<>(context, checkpoint);
  }

  /** The splits of every file under the path, for {@code parallelism} readers. */
  List<FileSplit> split(int parallelism) throws IOException {
    Path p = new Path(path);
    FileSystem fs = HadoopFileSystems.of(p);
    Path qualified = fs.makeQualified(p);
    if (!fs.exists(qualified)) {
      throw new FileNotFoundException("Input path does not exist: " + qualified);
    }
    List<FileStatus> files = new ArrayList<>();
    FileStatus status = fs.getFileStatus(qualified);
    if (status.isDirectory()) {
      for (FileStatus child : fs.listStatus(qualified)) {
        String name = child.getPath().getName();
        if (child.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
          files.add(child);
        }
      }
      files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
    } else {
      files.add(status);
    }
    long total = 0;
    for (FileStatus f : files) {
      total += f.getLen();
    }
    long target = Math.max(minSplitSize, (total + parallelism - 1) / Math.max(1, parallelism));
    List<FileSplit> splits = new ArrayList<>();
    for (FileStatus f : files) {
      String file = f.getPath().toString();
      long len = f.getLen();
      for (long start = 0; start < len; start += target) {
        splits.add(new FileSplit(file, start, Math.min(target, len - start), start));
      }
    }
    return splits;
  }

  @Override
  public SourceReader<String, FileSplit> createReader(SourceReaderContext context) {
    return new PullingSourceReader<>(context) {
      @Override
      protected SplitCursor<String, FileSplit> open(FileSplit split) throws IOException {
        return new LineCursor(split);
      }
    };
  }

  /** Reads the lines of one split. */
  static final class LineCursor implements SplitCursor<String, FileSplit> {
    private final FileSplit split;
    private final FSDataInputStream in;
    private final LineReader lines;
    private boolean done;

    LineCursor(FileSplit split) throws IOException {
      this.split = split;
      Path p = new Path(split.path());
      in = HadoopFileSystems.of(p).open(p);
      boolean fresh = split.offset() == split.start() && split.start() > 0;
      long seekTo = fresh ? split.start() - 1 : split.offset();
      in.seek(seekTo);
      lines = new LineReader(in, seekTo);
      if (fresh && !lines.skipLine()) {
        done = true;
      }
    }

    @Override
    public boolean emit(SourceOutput<String> output, int max) throws IOException {
      for (int i = 0; i < max && !done; i++) {
        if (lines.offset() >= split.end()) {
          done = true;
          break;
        }
        String line = lines.readLine();
        if (line == null) {
          done = true;
          break;
        }
        output.collect(line);
      }
      return !done;
    }

    @Override
    public FileSplit snapshot() {
      return split.withOffset(lines.offset());
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  @Override
  public SimpleVersionedSerializer<FileSplit> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<FileSplit>> getEnumeratorCheckpointSerializer() {
    return new CheckpointSerializer();
  }

  /** Version 1: path (UTF), start, length, offset (longs). */
  static final class SplitSerializer implements SimpleVersionedSerializer<FileSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(FileSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      write(split, new DataOutputStream(bytes));
      return bytes.toByteArray();
    }

    @Override
    public FileSplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown file split format version " + version + "; this version reads 1");
      }
      return read(new DataInputStream(new ByteArrayInputStream(serialized)));
    }

    static void write(FileSplit split, DataOutputStream out) throws IOException {
      out.writeUTF(split.path());
      out.writeLong(split.start());
      out.writeLong(split.length());
      out.writeLong(split.offset());
    }

    static FileSplit read(DataInputStream in) throws IOException {
      return new FileSplit(in.readUTF(), in.readLong(), in.readLong(), in.readLong());
    }
  }

  /** Version 1: count (int), then each split as {@link SplitSerializer} writes it. */
  static final class CheckpointSerializer implements SimpleVersionedSerializer<Collection<FileSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<FileSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(splits.size());
      for (FileSplit s : splits) {
        SplitSerializer.write(s, out);
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<FileSplit> deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown file enumerator checkpoint version " + version + "; this version reads 1");
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
      int n = in.readInt();
      List<FileSplit> splits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        splits.add(SplitSerializer.read(in));
      }
      return splits;
    }
  }
}
