package io.nagare.runtime.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of a job's checkpoints as REST shows them (Flink's {@code /jobs/<id>/checkpoints}):
 * counts by outcome, the latest completed, failed, savepoint and restored one, and the history of
 * the last {@link #HISTORY_SIZE} checkpoints with their status, trigger time, duration, sizes and
 * barrier alignment.
 *
 * <p>Threading: the checkpoint coordinator's thread reports; REST reads on the job manager's
 * thread; every method is synchronized.
 */
public final class CheckpointStatsTracker {
  /** How many checkpoints the history keeps (Flink's {@code web.checkpoints.history}). */
  public static final int HISTORY_SIZE = 10;

  /** Where a checkpoint stands. */
  public enum Status { IN_PROGRESS, COMPLETED, FAILED }

  /**
   * One checkpoint: its id, status, whether it is a savepoint, when it was triggered (epoch ms),
   * when it ended (-1 while in progress), its end-to-end duration, the bytes it wrote ({@code
   * uploadedBytes}) and referenced in all ({@code stateSize}), its subtasks' longest barrier
   * alignment (ns), where it was written and why it failed.
   */
  public record Entry(long id, Status status, boolean savepoint, long triggerTimestamp, long endTimestamp,
      long durationMillis, long uploadedBytes, long stateSize, long alignmentNanos, String externalPath,
      String failureMessage) {}

  /** The checkpoint a run restored: its id, where it was and when the run restored it. */
  public record Restored(long id, String externalPath, long restoreTimestamp) {}

  /** The least, most and mean of one figure over every completed checkpoint (0 before the first). */
  public record MinMaxAvg(long min, long max, long avg) {}

  /** Counts, summaries over all completed checkpoints, latest checkpoints and history at one moment. */
  public record Snapshot(int inProgress, int completed, int failed, int restored, MinMaxAvg duration,
      MinMaxAvg stateSize, MinMaxAvg uploadedBytes, MinMaxAvg alignmentNanos, Entry latestCompleted, Entry latestFailed, Entry latestSavepoint,
      Restored latestRestored, List<Entry> history) {}

  /** Running least, most and sum of one figure. */
  private static final class Summary {
    private long min = Long.MAX_VALUE;
    private long max;
    private long sum;
    private long count;

    void add(long v) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      count++;
    }

    MinMaxAvg value() {
      return count == 0 ? new MinMaxAvg(0, 0, 0) : new MinMaxAvg(min, max, sum / count);
    }
  }

  private final ArrayDeque<Entry> history = new ArrayDeque<>();
  private int completed;
  private int failed;
  private int restored;
  private Entry latestCompleted;
  private Entry latestFailed;
  private Entry latestSavepoint;
  private Restored latestRestored;
  private final Summary durations = new Summary();
  private final Summary stateSizes = new Summary();
  private final Summary uploaded = new Summary();
  private final Summary alignments = new Summary();

  synchronized void triggered(long id, long timestamp, boolean savepoint) {
    put(new Entry(id, Status.IN_PROGRESS, savepoint, timestamp, -1, 0, 0, 0, 0, null, null));
  }

  synchronized void completed(long id, long endTimestamp, long uploadedBytes, long stateSize, long alignmentNanos,
      String path) {
    Entry e = find(id);
    if (e == null) {
      return;
    }
    Entry done = new Entry(id, Status.COMPLETED, e.savepoint(), e.triggerTimestamp(), endTimestamp,
        endTimestamp - e.triggerTimestamp(), uploadedBytes, stateSize, alignmentNanos, path, null);
    replace(done);
    if (done.savepoint()) {
      latestSavepoint = done;
    } else {
      completed++;
      latestCompleted = done;
      durations.add(done.durationMillis());
      stateSizes.add(stateSize);
      uploaded.add(uploadedBytes);
      alignments.add(alignmentNanos);
    }
  }

  synchronized void failed(long id, long endTimestamp, String reason) {
    Entry e = find(id);
    if (e == null) {
      return;
    }
    Entry done = new Entry(id, Status.FAILED, e.savepoint(), e.triggerTimestamp(), endTimestamp,
        endTimestamp - e.triggerTimestamp(), 0, 0, 0, null, reason);
    replace(done);
    failed++;
    latestFailed = done;
  }

  /** A run restored checkpoint {@code id} from {@code path}. */
  public synchronized void restored(long id, String path, long timestamp) {
    restored++;
    latestRestored = new Restored(id, path, timestamp);
  }

  /** Checkpoints still in progress when their run ended are failed with {@code reason}. */
  synchronized void abandonInProgress(long timestamp, String reason) {
    for (Entry e : new ArrayList<>(history)) {
      if (e.status() == Status.IN_PROGRESS) {
        failed(e.id(), timestamp, reason);
      }
    }
  }

  public synchronized Snapshot snapshot() {
    int inProgress = (int) history.stream().filter(e -> e.status() == Status.IN_PROGRESS).count();
    List<Entry> newestFirst = new ArrayList<>(history);
    java.util.Collections.reverse(newestFirst);
    return new Snapshot(inProgress, completed, failed, restored, durations.value(), stateSizes.value(),
        uploaded.value(), alignments.value(), latestCompleted, latestFailed, latestSavepoint, latestRestored, newestFirst);
  }

  private void put(Entry e) {
    history.addLast(e);
    while (history.size() > HISTORY_SIZE) {
      history.removeFirst();
    }
  }

  private Entry find(long id) {
    for (Entry e : history) {
      if (e.id() == id) {
        return e;
      }
    }
    return null;
  }

  private void replace(Entry done) {
    List<Entry> all = new ArrayList<>(history);
    history.clear();
    for (Entry e : all) {
      history.addLast(e.id() == done.id() ? done : e);
    }
  }
}
