package io.nagare.runtime.checkpoint;

import io.nagare.runtime.executor.HelperThreads;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.StateBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The state of a completed checkpoint, read back for a restart or a new run: every operator's
 * parts, found by the operator's stable id (its {@code uid}, or the id derived from the graph), and
 * each source's split enumerator state. Keyed state and timers of every old subtask go to every new
 * one (each keeps its own key groups); source splits stay with their subtask at the same
 * parallelism and are dealt round-robin (in old-subtask order) at another, so a restore at another
 * parallelism works and spreads the splits evenly.
 *
 * <p>Reading a checkpoint reads its metadata and its split enumerator states; the footers of the
 * subtasks' state files (operator state, splits, and where keyed state and timers are: see {@link
 * TaskStateFile}) are read, a few files at a time, only when an operator's part or the set of
 * operators with state is first asked for. Keyed state and timers are never read here: each
 * restoring subtask reads, on its own thread, the index and its own key groups of every old
 * subtask's blocks. A job manager whose subtasks run on task managers thus never loads the job's
 * state. Thread-safe: subtasks ask from their own threads.
 */
public final class JobRestore {
  private final long checkpointId;
  private final String path;
  /** Each operator's parts, by operator id; loaded on first use, guarded by this. */
  private Map<String, List<Part>> parts;
  /** The in-flight data blocks of unaligned checkpoints, by head operator id and old subtask; loaded with {@link #parts}. */
  private Map<String, Map<Integer, StateBlock>> channelStates;
  private final Map<String, byte[]> enumeratorStates = new HashMap<>();
  private final List<TaskStateHandle> handles;
  /** Each keyed operator's max parallelism as the metadata records it; null if its version did not. */
  private final Map<String, Integer> recordedMaxParallelism;
  /** The operator ids of the vertices all of whose subtasks had finished, by vertex id. */
  private final Map<Integer, List<String>> finishedVertices;

  /** One old subtask's part of one operator; its keyed state and timers are null when it has none. */
  private record Part(int oldSubtask, StateBlock keyed, StateBlock timers, byte[] operatorState,
      List<OperatorRestore.RestoredSplit> splits) {

    Part(int oldSubtask, TaskStateFile.OperatorPart part) {
      this(oldSubtask, part.keyed(), part.timers(), part.operatorState(), part.splits());
    }
  }

  private JobRestore(long checkpointId, String path, List<TaskStateHandle> handles,
      Map<String, Integer> recordedMaxParallelism, Map<Integer, List<String>> finishedVertices) {
    this.checkpointId = checkpointId;
    this.path = path;
    this.handles = List.copyOf(handles);
    this.recordedMaxParallelism = recordedMaxParallelism;
    this.finishedVertices = Map.copyOf(finishedVertices);
  }

  /**
   * Reads the metadata and the split enumerator states of the checkpoint (or savepoint) in {@code
   * checkpointDirectory} and checks that every subtask's state file is there with its size; the
   * subtasks' state follows when first asked for.
   *
   * @throws IOException naming the file if something is missing, cut short or malformed
   */
  public static JobRestore read(String checkpointDirectory) throws IOException {
    CheckpointMetadata metadata = CheckpointStorage.readMetadata(checkpointDirectory);
    CheckpointStorage.checkTaskStates(checkpointDirectory, metadata.states());
    JobRestore restore = new JobRestore(metadata.checkpointId(), checkpointDirectory, metadata.states(),
        metadata.maxParallelism(), metadata.finishedVertices());
    List<TaskStateHandle> enumerators = new ArrayList<>();
    for (TaskStateHandle handle : metadata.states()) {
      if (handle.subtaskIndex() < 0) {
        enumerators.add(handle);
      }
    }
    List<byte[]> states = readAll(enumerators, CheckpointStorage::readTaskState);
    for (int i = 0; i < enumerators.size(); i++) {
      int vertex = enumerators.get(i).vertexId();
      String source = restore.headOperator(vertex);
      if (source == null) {
        throw new IOException("Checkpoint " + checkpointDirectory + " has split enumerator state for vertex "
            + vertex + " but no state of its subtasks");
      }
      restore.enumeratorStates.put(source, states.get(i));
    }
    return restore;
  }

  /**
   * The id of vertex {@code vertex}'s first (head) operator, read from one of its subtasks' state
   * files, or recorded with the vertex if all its subtasks had finished; or null.
   */
  private String headOperator(int vertex) throws IOException {
    List<String> finished = finishedVertices.get(vertex);
    if (finished != null && !finished.isEmpty()) {
      return finished.get(0);
    }
    for (TaskStateHandle handle : handles) {
      if (handle.vertexId() == vertex && handle.subtaskIndex() >= 0) {
        List<TaskStateFile.OperatorPart> operators = TaskStateFile.read(handle);
        if (!operators.isEmpty()) {
          return operators.get(0).operatorId();
        }
      }
    }
    return null;
  }

  /** Every operator's parts, read from the subtasks' state files on first use. */
  private synchronized Map<String, List<Part>> parts() throws IOException {
    if (parts == null) {
      List<TaskStateHandle> subtasks = new ArrayList<>();
      for (TaskStateHandle handle : handles) {
        if (handle.subtaskIndex() >= 0) {
          subtasks.add(handle);
        }
      }
      Map<String, List<Part>> loaded = new HashMap<>();
      Map<String, Map<Integer, StateBlock>> inFlight = new HashMap<>();
      List<TaskStateFile.Contents> files = readAll(subtasks, TaskStateFile::readContents);
      for (int i = 0; i < files.size(); i++) {
        List<TaskStateFile.OperatorPart> operators = files.get(i).operators();
        for (TaskStateFile.OperatorPart part : operators) {
          loaded.computeIfAbsent(part.operatorId(), k -> new ArrayList<>())
              .add(new Part(subtasks.get(i).subtaskIndex(), part));
        }
        if (files.get(i).channelState() != null && !operators.isEmpty()) {
          inFlight.computeIfAbsent(operators.get(0).operatorId(), k -> new HashMap<>())
              .put(subtasks.get(i).subtaskIndex(), files.get(i).channelState());
        }
      }
      channelStates = inFlight;
      parts = loaded;
    }
    return parts;
  }

  /** Most state files read at once: each read waits mostly on the file system, not on this process. */
  private static final int PARALLEL_READS = 8;

  /** Reads one state file. */
  @FunctionalInterface
  private interface FileReader<T> {
    T read(TaskStateHandle handle) throws IOException;
  }

  /** What {@code reader} makes of every state file, in the order of {@code handles}, read a few at a time. */
  private static <T> List<T> readAll(List<TaskStateHandle> handles, FileReader<T> reader) throws IOException {
    if (handles.size() <= 1) {
      List<T> files = new ArrayList<>();
      for (TaskStateHandle h : handles) {
        files.add(reader.read(h));
      }
      return files;
    }
    ExecutorService readers = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, handles.size()),
        HelperThreads.daemon("nagare-state-reader"));
    try {
      List<Future<T>> reads = new ArrayList<>();
      for (TaskStateHandle h : handles) {
        reads.add(readers.submit(() -> reader.read(h)));
      }
      List<T> files = new ArrayList<>();
      for (Future<T> read : reads) {
        files.add(read.get());
      }
      return files;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted while reading checkpoint state");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause().toString(), e.getCause());
    } finally {
      readers.shutdownNow();
    }
  }

  public long checkpointId() {
    return checkpointId;
  }

  public String path() {
    return path;
  }

  /** Where each part of the checkpoint is, with the shared files it uses. */
  public List<TaskStateHandle> handles() {
    return handles;
  }

  /**
   * The max parallelism (number of key groups) the keyed state of operator {@code operatorId} was
   * written with; -1 if the checkpoint holds no keyed state of it. Checkpoints whose metadata
   * predates version 3 did not record it: for them it is the default of the operator's parallelism
   * then ({@link KeyGroupRangeAssignment#defaultMaxParallelism}), which is what those versions used
   * unless the job set a max parallelism ({@link #recordsMaxParallelism} tells which case this is).
   */
  public int maxParallelism(String operatorId) throws IOException {
    if (recordedMaxParallelism != null) {
      return recordedMaxParallelism.getOrDefault(operatorId, -1);
    }
    List<Part> operatorParts = parts().get(operatorId);
    if (operatorParts == null) {
      return -1;
    }
    for (Part p : operatorParts) {
      if (p.keyed() != null || p.timers() != null) {
        return KeyGroupRangeAssignment.defaultMaxParallelism(operatorParts.size());
      }
    }
    return -1;
  }

  /** True if the metadata records each keyed operator's max parallelism; false if {@link #maxParallelism} infers it. */
  public boolean recordsMaxParallelism() {
    return recordedMaxParallelism != null;
  }

  /** The ids of the operators every subtask of which had finished before the checkpoint. */
  public Set<String> finishedOperators() {
    Set<String> operators = new TreeSet<>();
    finishedVertices.values().forEach(operators::addAll);
    return operators;
  }

  /** The ids of the operators that have state (keyed state, timers or source splits) in the checkpoint. */
  public Set<String> operatorIdsWithState() throws IOException {
    Set<String> ids = new TreeSet<>();
    parts().forEach((id, list) -> {
      for (Part p : list) {
        if (p.keyed() != null || p.timers() != null || p.operatorState().length > 0 || !p.splits().isEmpty()) {
          ids.add(id);
        }
      }
    });
    ids.addAll(enumeratorStates.keySet());
    return ids;
  }

  /** The enumerator state of the source operator {@code operatorId}: an int serializer version, then the bytes; or null. */
  public byte[] enumeratorState(String operatorId) {
    return enumeratorStates.get(operatorId);
  }

  public static int enumeratorVersion(byte[] state) {
    return ByteBuffer.wrap(state).getInt();
  }

  public static byte[] enumeratorBytes(byte[] state) {
    byte[] bytes = new byte[state.length - 4];
    System.arraycopy(state, 4, bytes, 0, bytes.length);
    return bytes;
  }

  /** Whether the vertex headed by operator {@code headOperatorId} holds in-flight data of an unaligned checkpoint. */
  public boolean holdsInFlightData(String headOperatorId) throws IOException {
    parts();
    synchronized (this) {
      return channelStates.containsKey(headOperatorId);
    }
  }

  /** How many subtasks wrote state of operator {@code operatorId}, or -1 if none did. */
  public int parallelismOf(String operatorId) throws IOException {
    List<Part> operatorParts = parts().get(operatorId);
    return operatorParts == null ? -1 : operatorParts.size();
  }

  /**
   * The in-flight data of an unaligned checkpoint that subtask {@code subtaskIndex} of the vertex
   * headed by operator {@code headOperatorId} restores, or {@link ChannelState#NONE}; {@code
   * subtaskName} names it in errors. The parallelism was checked by {@link RestoredInFlightData}.
   */
  public ChannelState channelState(String headOperatorId, int subtaskIndex, String subtaskName) throws IOException {
    parts();
    Map<Integer, StateBlock> blocks;
    synchronized (this) {
      blocks = channelStates.get(headOperatorId);
    }
    if (blocks == null) {
      return ChannelState.NONE;
    }
    return TaskStateFile.readChannelState(blocks.get(subtaskIndex), "the state of " + subtaskName + " in checkpoint "
        + checkpointId);
  }

  /** What operator {@code operatorId} restores in subtask {@code subtaskIndex} of {@code parallelism}; null if nothing. */
  public OperatorRestore forOperator(String operatorId, int subtaskIndex, int parallelism) throws IOException {
    List<Part> operatorParts = parts().get(operatorId);
    boolean finished = finishedVertices.values().stream().anyMatch(ops -> ops.contains(operatorId));
    if (operatorParts == null) {
      return finished ? new OperatorRestore(checkpointId, List.of(), List.of(), List.of(), List.of(), true) : null;
    }
    List<StateBlock> keyed = new ArrayList<>();
    List<StateBlock> timers = new ArrayList<>();
    List<byte[]> operatorState = new ArrayList<>();
    List<OperatorRestore.RestoredSplit> splits = new ArrayList<>();
    List<Part> ordered = new ArrayList<>(operatorParts);
    ordered.sort(java.util.Comparator.comparingInt(Part::oldSubtask));
    boolean rescaled = ordered.size() != parallelism;
    int splitPosition = 0;
    for (Part p : ordered) {
      if (p.operatorState().length > 0) {
        operatorState.add(p.operatorState());
      }
      if (p.keyed() != null) {
        keyed.add(p.keyed());
      }
      if (p.timers() != null) {
        timers.add(p.timers());
      }
      if (!rescaled) {
        if (p.oldSubtask() == subtaskIndex) {
          splits.addAll(p.splits());
        }
      } else {
        for (OperatorRestore.RestoredSplit split : p.splits()) {
          if (splitPosition++ % parallelism == subtaskIndex) {
            splits.add(split);
          }
        }
      }
    }
    return new OperatorRestore(checkpointId, keyed, timers, operatorState, splits, finished);
  }

  /**
   * What one operator restores from the snapshots its subtasks wrote with {@code
   * AbstractStreamOperator#snapshotState} (for tests and harnesses), as subtask {@code subtaskIndex}
   * of {@code parallelism}.
   */
  public static OperatorRestore fromOperatorSnapshots(List<byte[]> snapshots, int subtaskIndex, int parallelism)
      throws IOException {
    JobRestore restore = new JobRestore(-1, "(operator snapshots)", List.of(), Map.of(), Map.of());
    restore.parts = new HashMap<>();
    String id = null;
    for (int i = 0; i < snapshots.size(); i++) {
      DataInputDeserializer in = new DataInputDeserializer(snapshots.get(i));
      id = in.readUTF();
      restore.parts.computeIfAbsent(id, k -> new ArrayList<>()).add(new Part(i, TaskStateFile.readInlinePart(id, in)));
    }
    return id == null ? new OperatorRestore(-1, List.of(), List.of(), List.of(), List.of(), false) : restore.forOperator(id,
        subtaskIndex, parallelism);
  }

}
