package io.nagare.runtime.checkpoint;

import io.nagare.fs.HadoopFileSystems;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.state.SharedUploader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints of one job on any Hadoop file system:
 *
 * <pre>
 * &lt;state.checkpoints.dir&gt;/&lt;job id&gt;/_owner   the run that owns the job's checkpoints (see CheckpointOwnership)
 * &lt;state.checkpoints.dir&gt;/&lt;job id&gt;/chk-&lt;n&gt;/
 *     &lt;vertex&gt;-&lt;subtask&gt;-&lt;writer&gt;   one file per subtask: its operators' state (see TaskStateFile);
 *                          named after the writing process too, so no two processes write one file
 *     _metadata            written last (to a temporary name, then renamed): the checkpoint exists
 *                          only once this file does
 * &lt;state.checkpoints.dir&gt;/&lt;job id&gt;/shared/
 *     &lt;uuid&gt;-&lt;name&gt;         files that several checkpoints reference (RocksDB's SST files of
 *                          incremental checkpoints), referenced by full path from subtask states and
 *                          deleted by the coordinator once no retained checkpoint uses them
 * </pre>
 *
 * Metadata format, version 3: int magic {@value #MAGIC}, int version, long checkpoint id, long
 * timestamp, int number of subtask states, then per subtask state: int vertex, int subtask, UTF
 * file name (relative to the checkpoint directory, so a checkpoint can be moved or copied and still
 * be restored), long size, int number of shared files it uses, then per shared file: UTF full
 * path, long size; then int number of keyed operators, and per keyed operator: UTF operator id,
 * int max parallelism (its number of key groups, which its keyed state must be read with); then
 * int number of finished vertices (every subtask of which had finished before the checkpoint
 * reached it), and per finished vertex: int vertex id, int number of operators, their UTF ids in
 * chain order; then UTF token of the run that wrote it (see {@link CheckpointOwnership}).
 * Older versions are still read: version 2 lacks the max parallelism (a restore infers it, see
 * {@link JobRestore#maxParallelism}); version 1 also lacks the shared files (a job manager resuming
 * a job from its own checkpoint needs them to count references to the files it keeps using).
 *
 * <p>Thread-safe: subtasks' I/O threads write their files while the coordinator writes metadata.
 */
public final class CheckpointStorage {
  public static final String METADATA_FILE = "_metadata";
  static final int MAGIC = 0x4e474350;
  static final int VERSION = 3;

  private final String baseDirectory;
  private final String jobId;
  /** This storage's writer: names its files and, once it claimed the job's checkpoints, their owner. */
  private final String token;
  /** The checkpoint this run resumed from once it claims the job's checkpoints; null before. */
  private volatile Long claimedFrom;
  /** True once the claim is written. */
  private volatile boolean claimed;
  /** Resolved on first use, so a job that never checkpoints never loads a file system. */
  private Path jobDirectory;
  /** Savepoints in progress: their own directories (anywhere, any file system). */
  private final Map<Long, Path> savepointDirectories = new java.util.concurrent.ConcurrentHashMap<>();

  public CheckpointStorage(String baseDirectory, String jobId) {
    this(baseDirectory, jobId, UUID.randomUUID().toString());
  }

  CheckpointStorage(String baseDirectory, String jobId, String token) {
    this.baseDirectory = baseDirectory;
    this.jobId = jobId;
    this.token = token;
  }

  /**
   * Makes this run the owner of the job's checkpoints: from now on a checkpoint completes only while
   * it still is, and other runs' checkpoints after {@code resumedFrom} (the job's own checkpoint
   * this run resumed from, -1 if none) no longer count. Call before this run writes metadata. If
   * writing the claim fails, the next {@link #writeMetadata} tries again first.
   */
  public void claim(long resumedFrom) throws IOException {
    claimedFrom = resumedFrom;
    writeClaim();
  }

  private void writeClaim() throws IOException {
    Path dir = jobDirectory();
    FileSystem fs = fsOf(dir);
    fs.mkdirs(dir);
    CheckpointOwnership.write(fs, dir, new CheckpointOwnership.Owner(token, claimedFrom));
    claimed = true;
  }

  /** The token of this storage's writer (a run, or a task manager's part of one). */
  public String token() {
    return token;
  }

  /** Fails unless this run still owns the job's checkpoints (once it claimed them). */
  private void checkOwnership(long checkpointId) throws IOException {
    Path dir = jobDirectory();
    CheckpointOwnership.Owner owner = CheckpointOwnership.read(fsOf(dir), dir);
    if (owner == null || !owner.token().equals(token)) {
      throw new CheckpointOwnershipException("Checkpoint " + checkpointId + " of job " + jobId + " cannot complete:"
          + " another run of the job (" + (owner == null ? "unknown" : owner.token()) + ") has taken over its"
          + " checkpoints in " + dir + ", so this run (" + token + ") is stale");
    }
  }

  /** The directory under which each job has its own, as given. */
  public String baseDirectory() {
    return baseDirectory;
  }

  /** {@code <base>/<job id>}, fully qualified. */
  public synchronized Path jobDirectory() throws IOException {
    if (jobDirectory == null) {
      Path base = new Path(baseDirectory);
      jobDirectory = HadoopFileSystems.of(base).makeQualified(new Path(base, jobId));
    }
    return jobDirectory;
  }

  public Path checkpointDirectory(long checkpointId) throws IOException {
    Path savepoint = savepointDirectories.get(checkpointId);
    return savepoint != null ? savepoint : new Path(jobDirectory(), "chk-" + checkpointId);
  }

  /** Makes checkpoint {@code checkpointId} a savepoint written to a new directory under {@code parent}. */
  public Path startSavepoint(long checkpointId, String parent) throws IOException {
    Path base = new Path(parent);
    FileSystem target = HadoopFileSystems.of(base);
    Path dir = target.makeQualified(new Path(base, "savepoint-" + jobId.substring(0, Math.min(8, jobId.length()))
        + "-" + checkpointId));
    if (target.exists(dir)) {
      throw new IOException("Savepoint directory " + dir + " already exists");
    }
    savepointDirectories.put(checkpointId, dir);
    return dir;
  }

  /**
   * Makes checkpoint {@code checkpointId} a savepoint written to {@code directory}, which another
   * process's {@link #startSavepoint} chose (a task manager writing its part of a job manager's
   * savepoint).
   */
  public void useSavepointDirectory(long checkpointId, String directory) {
    savepointDirectories.put(checkpointId, new Path(directory));
  }

  /** Forgets a savepoint's directory once it is complete or failed (its files stay, or were deleted). */
  public void endSavepoint(long checkpointId) {
    savepointDirectories.remove(checkpointId);
  }

  private FileSystem fsOf(Path path) throws IOException {
    return HadoopFileSystems.of(path);
  }

  /** True if {@code checkpointId} is a savepoint being taken. */
  public boolean isSavepoint(long checkpointId) {
    return savepointDirectories.containsKey(checkpointId);
  }

  /** {@code <base>/<job id>/shared}, fully qualified. */
  public Path sharedDirectory() throws IOException {
    return new Path(jobDirectory(), "shared");
  }

  /** Where one subtask's part of {@code checkpointId} puts shared files. */
  public SharedFiles sharedFiles(long checkpointId) throws IOException {
    Path shared = sharedDirectory();
    return new SharedFiles(isSavepoint(checkpointId), shared, new SharedFiles.DirectoryUploader(() -> shared));
  }

  /** An uploader into the shared directory for backends that upload before the first checkpoint; touches no file system until used. */
  public SharedUploader sharedUploader() {
    return new SharedFiles.DirectoryUploader(this::sharedDirectory);
  }

  /**
   * Writes the final state of a subtask that has processed all its input, self-contained (as a
   * savepoint is, see {@link #finalStateTarget}), under {@code <job>/finished/}, from where the
   * coordinator copies it into every later checkpoint.
   */
  public TaskStateHandle writeFinalState(int vertexId, int subtaskIndex, byte[] bytes) throws IOException {
    Path file = new Path(new Path(jobDirectory(), "finished"), vertexId + "-" + subtaskIndex + "-"
        + token.substring(0, Math.min(8, token.length())));
    try (FSDataOutputStream out = fsOf(file).create(file, true)) {
      out.write(bytes);
    }
    return new TaskStateHandle(vertexId, subtaskIndex, file.toString(), bytes.length);
  }

  /** Where a subtask's final state is serialised to: self-contained, referencing no shared file. */
  public SharedFiles finalStateTarget() throws IOException {
    Path shared = sharedDirectory();
    return new SharedFiles(true, shared, new SharedFiles.DirectoryUploader(() -> shared));
  }

  /** Deletes a final state file once read. */
  public void deleteFinalState(TaskStateHandle state) throws IOException {
    Path file = new Path(state.path());
    fsOf(file).delete(file, false);
  }

  /** Writes one subtask's state of {@code checkpointId}. */
  public TaskStateHandle writeTaskState(long checkpointId, int vertexId, int subtaskIndex, byte[] bytes)
      throws IOException {
    return writeTaskState(checkpointId, vertexId, subtaskIndex, null, out -> out.write(bytes));
  }

  /** Streams the bytes of one state file. */
  @FunctionalInterface
  public interface StateWriter {
    void write(DataOutputViewStream out) throws IOException;
  }

  /**
   * Writes one subtask's state of {@code checkpointId} as {@code writer} streams it, which uses the
   * shared files in {@code shared} (or none). A file cut short by a failing writer is deleted.
   */
  public TaskStateHandle writeTaskState(long checkpointId, int vertexId, int subtaskIndex, SharedFiles shared,
      StateWriter writer) throws IOException {
    Path file = new Path(checkpointDirectory(checkpointId), vertexId + "-" + subtaskIndex + "-"
        + token.substring(0, Math.min(8, token.length())));
    FileSystem fs = fsOf(file);
    long size;
    try (FSDataOutputStream out = fs.create(file, true)) {
      DataOutputViewStream data = new DataOutputViewStream(out);
      writer.write(data);
      data.flush();
      size = data.position();
    } catch (IOException | RuntimeException e) {
      try {
        fs.delete(file, false);
      } catch (IOException deleting) {
        e.addSuppressed(deleting);
      }
      throw e;
    }
    return shared == null ? new TaskStateHandle(vertexId, subtaskIndex, file.toString(), size)
        : new TaskStateHandle(vertexId, subtaskIndex, file.toString(), size, shared.files(), shared.reused(),
            shared.uploadedBytes());
  }

  /** Deletes one file of the shared directory. */
  public void deleteShared(String path) throws IOException {
    Path file = new Path(path);
    SharedFiles.withoutChecksumFiles(fsOf(file)).delete(file, false);
  }

  /**
   * The ids of this job's completed checkpoints (those with metadata) in its directory that count,
   * in order: not those a stale run completed after the owner claimed them (see {@link
   * CheckpointOwnership}).
   */
  public List<Long> completedCheckpointIds() throws IOException {
    List<Long> ids = new ArrayList<>();
    CheckpointOwnership.Owner owner = CheckpointOwnership.read(fsOf(jobDirectory()), jobDirectory());
    for (Map.Entry<Long, Boolean> checkpoint : checkpointDirectories().entrySet()) {
      if (checkpoint.getValue() && counts(owner, checkpoint.getKey())) {
        ids.add(checkpoint.getKey());
      }
    }
    return ids;
  }

  private boolean counts(CheckpointOwnership.Owner owner, long checkpointId) throws IOException {
    return owner == null || checkpointId <= owner.resumedFrom()
        || owner.accepts(readMetadata(checkpointDirectory(checkpointId).toString()).writer(), checkpointId);
  }

  /** The highest id of any {@code chk-<id>} directory of this job, complete or not, counting or not; -1 if none. */
  public long highestCheckpointId() throws IOException {
    java.util.SortedMap<Long, Boolean> all = checkpointDirectories();
    return all.isEmpty() ? -1 : all.lastKey();
  }

  /** Every {@code chk-<id>} directory of this job, by id in order, with whether it has its metadata. */
  private java.util.SortedMap<Long, Boolean> checkpointDirectories() throws IOException {
    Path dir = jobDirectory();
    FileSystem fs = fsOf(dir);
    java.util.SortedMap<Long, Boolean> found = new java.util.TreeMap<>();
    if (fs.exists(dir)) {
      for (org.apache.hadoop.fs.FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && name.matches("chk-[0-9]{1,18}")) {
          found.put(Long.parseLong(name.substring("chk-".length())),
              fs.exists(new Path(status.getPath(), METADATA_FILE)));
        }
      }
    }
    return found;
  }

  /**
   * Deletes what an earlier run of this job left unfinished in its directory when its process died:
   * checkpoint directories without metadata or that do not count (a stale run's, see {@link
   * #completedCheckpointIds}), and shared files that none of {@code referenced} (full paths) is.
   * Only for a run resuming its own job before it writes anything. Returns what it deleted.
   */
  public List<String> deleteLeftovers(java.util.Set<String> referenced) throws IOException {
    List<String> deleted = new ArrayList<>();
    java.util.Set<Long> counting = new java.util.HashSet<>(completedCheckpointIds());
    for (Map.Entry<Long, Boolean> checkpoint : checkpointDirectories().entrySet()) {
      if (!counting.contains(checkpoint.getKey())) {
        Path dir = checkpointDirectory(checkpoint.getKey());
        fsOf(dir).delete(dir, true);
        deleted.add(dir.toString());
      }
    }
    Path shared = sharedDirectory();
    FileSystem sharedFs = SharedFiles.withoutChecksumFiles(fsOf(shared));
    java.util.Set<Path> kept = new java.util.HashSet<>();
    for (String file : referenced) {
      kept.add(sharedFs.makeQualified(new Path(file)));
    }
    if (sharedFs.exists(shared)) {
      for (org.apache.hadoop.fs.FileStatus status : sharedFs.listStatus(shared)) {
        Path file = sharedFs.makeQualified(status.getPath());
        if (status.isFile() && !kept.contains(file)) {
          sharedFs.delete(file, false);
          deleted.add(file.toString());
        }
      }
    }
    return deleted;
  }

  /** True if {@code checkpointDirectory} is one of this job's own checkpoints (not a savepoint, not another job's). */
  public boolean isOwnCheckpoint(String checkpointDirectory) throws IOException {
    Path dir = new Path(checkpointDirectory);
    Path qualified = fsOf(dir).makeQualified(dir);
    return qualified.getParent() != null && qualified.getParent().equals(jobDirectory())
        && qualified.getName().startsWith("chk-");
  }

  /**
   * Writes the metadata of a checkpoint whose subtask states are all written: this completes it.
   * {@code maxParallelism} gives each keyed operator's max parallelism, by operator id; {@code
   * finishedVertices} the operators of each vertex all of whose subtasks had finished.
   */
  public Path writeMetadata(long checkpointId, long timestamp, List<TaskStateHandle> states,
      Map<String, Integer> maxParallelism, Map<Integer, List<String>> finishedVertices) throws IOException {
    Path dir = checkpointDirectory(checkpointId);
    Path temporary = new Path(dir, "." + METADATA_FILE + ".inprogress-" + token);
    FileSystem fs = fsOf(dir);
    try (FSDataOutputStream out = fs.create(temporary, true)) {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(MAGIC);
      data.writeInt(VERSION);
      data.writeLong(checkpointId);
      data.writeLong(timestamp);
      data.writeInt(states.size());
      for (TaskStateHandle s : states) {
        data.writeInt(s.vertexId());
        data.writeInt(s.subtaskIndex());
        data.writeUTF(new Path(s.path()).getName());
        data.writeLong(s.size());
        data.writeInt(s.sharedFiles().size());
        for (Map.Entry<String, Long> shared : s.sharedFiles().entrySet()) {
          data.writeUTF(shared.getKey());
          data.writeLong(shared.getValue());
        }
      }
      data.writeInt(maxParallelism.size());
      for (Map.Entry<String, Integer> operator : new TreeMap<>(maxParallelism).entrySet()) {
        data.writeUTF(operator.getKey());
        data.writeInt(operator.getValue());
      }
      data.writeInt(finishedVertices.size());
      for (Map.Entry<Integer, List<String>> vertex : new TreeMap<>(finishedVertices).entrySet()) {
        data.writeInt(vertex.getKey());
        data.writeInt(vertex.getValue().size());
        for (String operator : vertex.getValue()) {
          data.writeUTF(operator);
        }
      }
      data.writeUTF(token);
      data.flush();
    }
    if (claimedFrom != null && !isSavepoint(checkpointId)) {
      try {
        if (!claimed) {
          writeClaim();
        }
        checkOwnership(checkpointId);
      } catch (IOException e) {
        fs.delete(temporary, false);
        throw e;
      }
    }
    Path metadata = new Path(dir, METADATA_FILE);
    if (!fs.rename(temporary, metadata)) {
      throw new IOException("Could not rename " + temporary + " to " + metadata);
    }
    return metadata;
  }

  /** Reads a checkpoint's metadata. */
  public static CheckpointMetadata readMetadata(String checkpointDirectory) throws IOException {
    Path file = new Path(checkpointDirectory, METADATA_FILE);
    FileSystem fs = HadoopFileSystems.of(file);
    try (FSDataInputStream in = fs.open(file)) {
      DataInputStream data = new DataInputStream(in);
      if (data.readInt() != MAGIC) {
        throw new IOException(file + " is not a nagare checkpoint metadata file");
      }
      int version = data.readInt();
      if (version < 1 || version > VERSION) {
        throw new IOException(file + " has metadata version " + version + "; this version of nagare reads versions 1"
            + " to " + VERSION);
      }
      long id = data.readLong();
      long timestamp = data.readLong();
      int n = data.readInt();
      if (n < 0) {
        throw new IOException(file + " is corrupt: " + n + " subtask states");
      }
      List<TaskStateHandle> states = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int vertex = data.readInt();
        int subtask = data.readInt();
        String path = new Path(checkpointDirectory, data.readUTF()).toString();
        long size = data.readLong();
        Map<String, Long> shared = new HashMap<>();
        for (int f = version == 1 ? 0 : data.readInt(); f > 0; f--) {
          shared.put(data.readUTF(), data.readLong());
        }
        states.add(new TaskStateHandle(vertex, subtask, path, size, shared, java.util.Set.of(), 0));
      }
      if (version < 3) {
        return new CheckpointMetadata(id, timestamp, states, null, Map.of(), "");
      }
      Map<String, Integer> maxParallelism = new HashMap<>();
      for (int operators = data.readInt(); operators > 0; operators--) {
        maxParallelism.put(data.readUTF(), data.readInt());
      }
      Map<Integer, List<String>> finished = new HashMap<>();
      for (int vertices = data.readInt(); vertices > 0; vertices--) {
        int vertex = data.readInt();
        List<String> operators = new ArrayList<>();
        for (int ops = data.readInt(); ops > 0; ops--) {
          operators.add(data.readUTF());
        }
        finished.put(vertex, operators);
      }
      return new CheckpointMetadata(id, timestamp, states, maxParallelism, finished, data.readUTF());
    }
  }

  /**
   * Checks, with one listing of {@code checkpointDirectory}, that every one of {@code states} is
   * there with the size its metadata gives.
   *
   * @throws IOException naming the first file that is missing or of another size
   */
  public static void checkTaskStates(String checkpointDirectory, List<TaskStateHandle> states) throws IOException {
    Path dir = new Path(checkpointDirectory);
    Map<String, Long> sizes = new HashMap<>();
    for (org.apache.hadoop.fs.FileStatus status : HadoopFileSystems.of(dir).listStatus(dir)) {
      sizes.put(status.getPath().getName(), status.getLen());
    }
    for (TaskStateHandle state : states) {
      Long size = sizes.get(new Path(state.path()).getName());
      if (size == null) {
        throw new IOException("Checkpoint state file " + state.path() + " is missing");
      }
      if (size != state.size()) {
        throw new IOException("Checkpoint state file " + state.path() + " has " + size + " bytes; its checkpoint's"
            + " metadata says " + state.size());
      }
    }
  }

  /**
   * Reads one small state file whole (a split enumerator's, a finished subtask's final state); a
   * subtask's keyed state is read through {@link TaskStateFile}.
   */
  public static byte[] readTaskState(TaskStateHandle handle) throws IOException {
    Path file = new Path(handle.path());
    FileSystem fs = HadoopFileSystems.of(file);
    if (handle.size() > Integer.MAX_VALUE - 8) {
      throw new IOException("State file " + file + " has " + handle.size() + " bytes, too many to read whole");
    }
    byte[] bytes = new byte[(int) handle.size()];
    try (FSDataInputStream in = fs.open(file)) {
      in.readFully(bytes);
    }
    return bytes;
  }

  /** Deletes a completed checkpoint's directory (no longer retained, or its job was cancelled). */
  public void discard(long checkpointId) throws IOException {
    Path dir = checkpointDirectory(checkpointId);
    fsOf(dir).delete(dir, true);
  }

  /**
   * Deletes what a checkpoint that did not complete left: its whole directory while this run owns
   * the job's checkpoints (or never claimed them), else only {@code states}, what this run's
   * subtasks wrote, as the run that took over may be writing a checkpoint of the same id.
   */
  public void discardFailed(long checkpointId, List<TaskStateHandle> states) throws IOException {
    if (claimed) {
      try {
        checkOwnership(checkpointId);
      } catch (CheckpointOwnershipException e) {
        discardStates(checkpointId, states);
        return;
      }
    }
    discard(checkpointId);
  }

  /** Deletes the given state files of a checkpoint, and its directory once empty. */
  public void discardStates(long checkpointId, List<TaskStateHandle> states) throws IOException {
    Path dir = checkpointDirectory(checkpointId);
    FileSystem fs = fsOf(dir);
    for (TaskStateHandle state : states) {
      fs.delete(new Path(state.path()), false);
    }
    if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
      fs.delete(dir, false);
    }
  }
}
