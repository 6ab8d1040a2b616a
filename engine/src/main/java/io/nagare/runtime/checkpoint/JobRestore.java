package io.nagare.runtime.checkpoint;

import io.nagare.serialization.DataInputDeserializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a completed checkpoint, read back for a restart: per vertex, every old subtask's
 * state file (see {@code StreamTask#performCheckpoint} for the format) and the source enumerator's
 * state. Keyed state and timers of every old subtask go to every new one (each keeps its own key
 * groups), source splits of old subtask {@code j} to new subtask {@code j % parallelism}, so a
 * restore at another parallelism works. Immutable once read; shared by the subtasks of a restart.
 */
public final class JobRestore {
  private final long checkpointId;
  private final Map<Integer, TreeMap<Integer, byte[]>> subtaskStates = new HashMap<>();
  private final Map<Integer, byte[]> enumeratorStates = new HashMap<>();

  private JobRestore(long checkpointId) {
    this.checkpointId = checkpointId;
  }

  /** Reads every state file of the checkpoint in {@code checkpointDirectory}. */
  public static JobRestore read(String checkpointDirectory) throws IOException {
    CheckpointMetadata metadata = CheckpointStorage.readMetadata(checkpointDirectory);
    JobRestore restore = new JobRestore(metadata.checkpointId());
    for (TaskStateHandle handle : metadata.states()) {
      byte[] bytes = CheckpointStorage.readTaskState(handle);
      if (handle.subtaskIndex() < 0) {
        restore.enumeratorStates.put(handle.vertexId(), bytes);
      } else {
        restore.subtaskStates.computeIfAbsent(handle.vertexId(), v -> new TreeMap<>()).put(handle.subtaskIndex(), bytes);
      }
    }
    return restore;
  }

  public long checkpointId() {
    return checkpointId;
  }

  /** The enumerator state of source vertex {@code vertexId}: an int serializer version, then the bytes; or null. */
  public byte[] enumeratorState(int vertexId) {
    return enumeratorStates.get(vertexId);
  }

  /** Splits an enumerator state into its serializer version and bytes. */
  public static int enumeratorVersion(byte[] state) {
    return ByteBuffer.wrap(state).getInt();
  }

  public static byte[] enumeratorBytes(byte[] state) {
    byte[] bytes = new byte[state.length - 4];
    System.arraycopy(state, 4, bytes, 0, bytes.length);
    return bytes;
  }

  /**
   * What operator {@code operatorId} of subtask {@code subtaskIndex} (of {@code parallelism}) of
   * vertex {@code vertexId} restores; null if the checkpoint has nothing for the vertex.
   *
   * @throws IOException if a state file is malformed
   */
  public OperatorRestore forOperator(int vertexId, int subtaskIndex, int parallelism, String operatorId)
      throws IOException {
    TreeMap<Integer, byte[]> states = subtaskStates.get(vertexId);
    if (states == null) {
      return null;
    }
    List<byte[]> keyed = new ArrayList<>();
    List<byte[]> timers = new ArrayList<>();
    List<OperatorRestore.RestoredSplit> splits = new ArrayList<>();
    boolean found = false;
    for (Map.Entry<Integer, byte[]> e : states.entrySet()) {
      DataInputDeserializer in = new DataInputDeserializer(e.getValue());
      int version = in.readInt();
      if (version != 1) {
        throw new IOException("Subtask state version " + version + " of vertex " + vertexId + " cannot be read");
      }
      int operators = in.readInt();
      for (int op = 0; op < operators; op++) {
        String id = in.readUTF();
        byte[] keyedBytes = readBlock(in);
        byte[] timerBytes = readBlock(in);
        int n = in.readInt();
        List<OperatorRestore.RestoredSplit> opSplits = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
          int splitVersion = in.readInt();
          opSplits.add(new OperatorRestore.RestoredSplit(splitVersion, readBlock(in)));
        }
        if (id.equals(operatorId)) {
          found = true;
          if (keyedBytes.length > 0) {
            keyed.add(keyedBytes);
          }
          if (timerBytes.length > 0) {
            timers.add(timerBytes);
          }
          if (e.getKey() % parallelism == subtaskIndex) {
            splits.addAll(opSplits);
          }
        }
      }
    }
    return found ? new OperatorRestore(keyed, timers, splits) : null;
  }

  private static byte[] readBlock(DataInputDeserializer in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }
}
