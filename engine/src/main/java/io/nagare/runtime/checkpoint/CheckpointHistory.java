package io.nagare.runtime.checkpoint;

import io.nagare.api.common.CompletedCheckpointStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What outlives one run of a job's subtasks: the next checkpoint id, the retained checkpoints, the
 * reference counts of shared files, the counts and the statistics of completed checkpoints, so a
 * restarted job continues numbering, keeps deleting old checkpoints and never deletes a shared file
 * a retained checkpoint still uses. Owned by the coordinator's thread while a run lasts, read by
 * the job between runs; the counts and the latest statistics are also read by metric reporters.
 */
public final class CheckpointHistory {
  long nextId = 1;
  final ArrayDeque<Long> retained = new ArrayDeque<>();
  volatile int completed;
  volatile int failed;
  private volatile CompletedCheckpointStats latest;
  long latestCompletedId = -1;
  private final Map<Long, List<String>> sharedByCheckpoint = new HashMap<>();
  private final Map<String, Integer> sharedReferences = new HashMap<>();
  private final List<CompletedCheckpointStats> stats = new ArrayList<>();
  private final CheckpointStatsTracker tracker = new CheckpointStatsTracker();

  /** Every checkpoint's outcome and the history REST shows; thread-safe. */
  public CheckpointStatsTracker tracker() {
    return tracker;
  }

  /** The id of the latest completed checkpoint, or -1. */
  /**
   * Numbers the next checkpoints after {@code checkpointId}: a job resumed from its own checkpoint
   * (same job id, same directory) must not write over the checkpoints it came from. Caller's
   * thread, before the coordinator starts.
   */
  public void continueAfter(long checkpointId) {
    nextId = Math.max(nextId, checkpointId + 1);
  }

  public long latestCompletedId() {
    return latestCompletedId;
  }

  public int completed() {
    return completed;
  }

  public int failed() {
    return failed;
  }

  /** The retained completed checkpoints, oldest first. */
  public List<Long> retainedIds() {
    return List.copyOf(retained);
  }

  /** Duration and sizes of every completed checkpoint (not savepoints), in order of completion. */
  public List<CompletedCheckpointStats> completedStats() {
    return List.copyOf(stats);
  }

  /**
   * Takes over checkpoint {@code id} of this same job, which a new run resumes from (the job
   * manager's process was replaced): it is retained, so it is deleted once enough newer ones
   * completed, and the shared files it uses count as referenced, so newer checkpoints may reuse
   * them and they are deleted once nothing references them. Caller's thread, before the
   * coordinator starts.
   */
  public void adoptRestored(long id, Collection<TaskStateHandle> states) {
    continueAfter(id);
    registerShared(id, states);
    retained.add(id);
  }

  /** Counts one reference from checkpoint {@code id} to every shared file its states use. */
  void registerShared(long id, Collection<TaskStateHandle> states) {
    List<String> files = new ArrayList<>();
    for (TaskStateHandle s : states) {
      files.addAll(s.sharedFiles().keySet());
    }
    for (String f : files) {
      sharedReferences.merge(f, 1, Integer::sum);
    }
    sharedByCheckpoint.put(id, files);
  }

  /** Drops checkpoint {@code id}'s references; returns the shared files nothing references any more. */
  public List<String> unregisterShared(long id) {
    List<String> unused = new ArrayList<>();
    for (String f : sharedByCheckpoint.getOrDefault(id, List.of())) {
      if (sharedReferences.merge(f, -1, Integer::sum) == 0) {
        sharedReferences.remove(f);
        unused.add(f);
      }
    }
    sharedByCheckpoint.remove(id);
    return unused;
  }

  /** True if a completed, retained checkpoint references shared file {@code path}. */
  boolean isShared(String path) {
    return sharedReferences.containsKey(path);
  }

  /** The number of shared files that retained checkpoints reference. */
  public int sharedFileCount() {
    return sharedReferences.size();
  }

  /** The shared files that retained checkpoints reference (full paths). */
  public java.util.Set<String> sharedFiles() {
    return java.util.Set.copyOf(sharedReferences.keySet());
  }

  void recordStats(CompletedCheckpointStats s) {
    stats.add(s);
    latest = s;
  }

  /** The statistics of the latest completed checkpoint, or null; any thread. */
  public CompletedCheckpointStats latestStats() {
    return latest;
  }
}
