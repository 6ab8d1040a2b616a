package io.nagare.runtime.checkpoint;

import io.nagare.api.common.CompletedCheckpointStats;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's checkpoints: every interval it triggers the sources (which snapshot and inject a
 * barrier), collects one acknowledgement per subtask, and completes the checkpoint only when every
 * subtask has acknowledged — by writing its metadata, last — then notifies every subtask and
 * deletes checkpoints beyond the retained count. A checkpoint that a subtask declines, or that
 * times out, is discarded and counted; after more consecutive failures than tolerated the job
 * fails over. A subtask that has processed all its input reports its final state ({@link
 * CheckpointAcknowledger#FINAL_STATE}) and takes no part in later checkpoints, nor in pending ones
 * it had not acknowledged: the coordinator keeps that state and writes it into each of them in the
 * subtask's place, and records the vertices all of whose subtasks finished (its output reached its
 * consumers before their barrier: a channel from a finished subtask needs none). A finished subtask
 * ends only once such a checkpoint has completed; when every subtask has finished, a final
 * checkpoint of their final states is taken for the ones still waiting. A subtask state
 * written after its checkpoint was aborted is deleted when its acknowledgement arrives. A checkpoint that did not
 * complete loses only the files this run wrote. If another run of the job has claimed its
 * checkpoints ({@link CheckpointStorage#claim}), this one is stale: the coordinator stops and fails
 * the job with a {@link CheckpointOwnershipException}, which is not restarted.
 *
 * <p>Threading: every field is owned by the coordinator's thread (the injected single-threaded
 * executor); subtasks report through methods that only enqueue work on it. The clock and the
 * executor are injected so tests drive time.
 */
public final class CheckpointCoordinator implements CheckpointAcknowledger {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);
  /** How often a final checkpoint is tried before the job fails over (if failures are otherwise tolerated). */
  static final int FINAL_CHECKPOINT_TRIES = 3;

  /** What the coordinator needs from the job's settings. */
  public record Settings(long intervalMillis, long timeoutMillis, long minPauseMillis, int maxConcurrent,
      int tolerableFailures, int retained) {}

  private final String jobName;
  private final Settings settings;
  private final CheckpointStorage storage;
  /** Each keyed operator's max parallelism, by operator id; written into every checkpoint's metadata. */
  private final Map<String, Integer> maxParallelism;
  /** The operator ids of each vertex, by vertex id. */
  private final Map<Integer, List<String>> operatorsByVertex;
  /** The final state of each subtask that has finished, by {@link #key}. */
  private final Map<String, byte[]> finished = new HashMap<>();
  private final List<SourceCheckpointTrigger> sources;
  private final List<CheckpointParticipant> participants;
  private final ScheduledExecutorService executor;
  private final LongSupplier clock;
  private final Consumer<Throwable> failJob;
  private final Map<Long, Pending> pending = new TreeMap<>();
  private final CheckpointHistory history;
  private final ArrayDeque<Long> retained;
  private long lastCompletionTime = Long.MIN_VALUE / 2;
  private int consecutiveFailures;
  private boolean stopped;
  /** Set once the attempt has ended: not even a final checkpoint is taken any more. */
  private boolean ended;
  /** Final checkpoints that failed in this attempt. */
  private int finalCheckpointFailures;
  private ScheduledFuture<?> scheduled;

  private final class Pending {
    final long id;
    final long timestamp;
    final Set<String> awaiting = new HashSet<>();
    /** Subtasks that finished without taking part. */
    final Set<String> finishedSubtasks = new HashSet<>();
    final List<TaskStateHandle> states = new ArrayList<>();
    ScheduledFuture<?> timeout;
    /** Set for savepoints: completed with the savepoint's path, or exceptionally. */
    java.util.concurrent.CompletableFuture<String> savepoint;

    Pending(long id, long timestamp) {
      this.id = id;
      this.timestamp = timestamp;
      for (CheckpointParticipant p : participants) {
        String key = key(p.vertexId(), p.subtaskIndex());
        if (finished.containsKey(key)) {
          finishedSubtasks.add(key);
        } else {
          awaiting.add(key);
        }
      }
      for (SourceCheckpointTrigger s : sources) {
        awaiting.add(key(s.vertexId(), -1));
      }
    }
  }

  /**
   * A coordinator for the job {@code jobName} whose keyed operators run with {@code maxParallelism}
   * (by operator id, recorded in every checkpoint's metadata) and whose vertices have the operators
   * {@code operatorsByVertex}.
   */
  public CheckpointCoordinator(String jobName, Settings settings, CheckpointStorage storage,
      Map<String, Integer> maxParallelism, Map<Integer, List<String>> operatorsByVertex,
      List<SourceCheckpointTrigger> sources,
      List<? extends CheckpointParticipant> participants, CheckpointHistory history, ScheduledExecutorService executor,
      LongSupplier clock, Consumer<Throwable> failJob) {
    this.history = history;
    this.retained = history.retained;
    this.jobName = jobName;
    this.settings = settings;
    this.storage = storage;
    this.maxParallelism = Map.copyOf(maxParallelism);
    this.operatorsByVertex = Map.copyOf(operatorsByVertex);
    this.sources = List.copyOf(sources);
    this.participants = List.copyOf(participants);
    this.executor = executor;
    this.clock = clock;
    this.failJob = failJob;
  }

  private static String key(int vertexId, int subtaskIndex) {
    return vertexId + "-" + subtaskIndex;
  }

  /** Starts triggering every interval (with an interval of 0 only savepoints are taken). */
  public void start() {
    if (settings.intervalMillis() > 0) {
      executor.execute(() -> schedule(settings.intervalMillis()));
    }
  }

  private void schedule(long delayMillis) {
    if (!stopped) {
      scheduled = executor.schedule(this::triggerCheckpoint, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Triggers a checkpoint now unless settings forbid it; runs on the coordinator thread. */
  void triggerCheckpoint() {
    if (stopped) {
      return;
    }
    long now = clock.getAsLong();
    if (pending.size() >= settings.maxConcurrent()) {
      schedule(settings.intervalMillis());
      return;
    }
    long pause = now - lastCompletionTime;
    if (pause < settings.minPauseMillis()) {
      schedule(settings.minPauseMillis() - pause);
      return;
    }
    start(new Pending(history.nextId++, now));
    schedule(settings.intervalMillis());
  }

  /**
   * Takes a savepoint into a new directory under {@code directory}: a checkpoint of every subtask,
   * written there, never deleted by retention. Any thread.
   */
  public java.util.concurrent.CompletableFuture<String> triggerSavepoint(String directory) {
    java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
    executor.execute(() -> {
      if (stopped) {
        result.completeExceptionally(new IllegalStateException("Job '" + jobName + "' cannot take a savepoint: it"
            + " is stopping"));
        return;
      }
      Pending p = new Pending(history.nextId++, clock.getAsLong());
      try {
        storage.startSavepoint(p.id, directory);
      } catch (IOException e) {
        result.completeExceptionally(e);
        return;
      }
      p.savepoint = result;
      start(p);
    });
    return result;
  }

  private void start(Pending p) {
    pending.put(p.id, p);
    history.tracker().triggered(p.id, p.timestamp, p.savepoint != null);
    p.timeout = executor.schedule(() -> abort(p.id, "it did not complete within " + settings.timeoutMillis()
        + " ms"), settings.timeoutMillis(), TimeUnit.MILLISECONDS);
    for (SourceCheckpointTrigger s : sources) {
      s.trigger(p.id, p.timestamp, state -> executor.execute(() -> storeEnumeratorState(s.vertexId(), p.id, state)));
    }
  }

  /**
   * Writes a source enumerator's state as the checkpoint's part for subtask -1 of its vertex, on the
   * coordinator's thread (the source coordinator, which hands it over, goes on assigning splits),
   * unless the checkpoint was aborted meanwhile.
   */
  private void storeEnumeratorState(int vertexId, long checkpointId, byte[] state) {
    if (!pending.containsKey(checkpointId)) {
      return;
    }
    try {
      acknowledged(storage.writeTaskState(checkpointId, vertexId, -1, state), checkpointId);
    } catch (IOException e) {
      abort(checkpointId, "the split enumerator state of vertex " + vertexId + " could not be written: " + e);
    }
  }

  /** A subtask stored its state for {@code checkpointId}. Any thread. */
  @Override
  public void acknowledge(TaskStateHandle state, long checkpointId) {
    executor.execute(() -> {
      if (checkpointId == FINAL_STATE) {
        taskFinished(state);
      } else {
        acknowledged(state, checkpointId);
      }
    });
  }

  private void acknowledged(TaskStateHandle state, long checkpointId) {
    Pending p = pending.get(checkpointId);
    if (p == null) {
      if (!retained.contains(checkpointId)) {
        discardLate(checkpointId, state);
        deleteUnregisteredShared(List.of(state));
      }
      return;
    }
    if (!p.awaiting.remove(key(state.vertexId(), state.subtaskIndex()))) {
      return;
    }
    p.states.add(state);
    if (p.awaiting.isEmpty()) {
      complete(p);
    }
  }

  /**
   * A subtask could not take part in {@code checkpointId} (e.g. its state could not be written);
   * if it could not write its final state, the job fails (no later checkpoint could hold it). Any thread.
   */
  @Override
  public void decline(long checkpointId, String reason) {
    if (checkpointId == FINAL_STATE) {
      failJob.accept(new IOException("Job '" + jobName + "' cannot checkpoint any more: " + reason));
      return;
    }
    executor.execute(() -> abort(checkpointId, reason));
  }

  /**
   * A subtask has processed all its input and wrote its final state: keeps the state, and
   * checkpoints it has not acknowledged complete without it. Coordinator thread.
   */
  private void taskFinished(TaskStateHandle finalState) {
    byte[] bytes;
    try {
      bytes = CheckpointStorage.readTaskState(finalState);
      storage.deleteFinalState(finalState);
    } catch (IOException e) {
      failJob.accept(new IOException("The final state of subtask " + finalState.subtaskIndex() + " of vertex "
          + finalState.vertexId() + " of job '" + jobName + "' cannot be read from " + finalState.path() + ": " + e, e));
      return;
    }
    String key = key(finalState.vertexId(), finalState.subtaskIndex());
    finished.put(key, bytes);
    if (allSourcesFinished()) {
      stopTriggering();
    }
    for (Pending p : new ArrayList<>(pending.values())) {
      if (p.awaiting.remove(key)) {
        p.finishedSubtasks.add(key);
        if (p.awaiting.isEmpty()) {
          complete(p);
        }
      }
    }
    if (finished.size() == participants.size()) {
      startFinalCheckpoint();
    }
  }

  /**
   * Every subtask has finished and waits for a checkpoint holding its final state before it ends
   * (its sinks commit their last output then): takes one, of the final states and the split
   * enumerators' states, which needs no barrier. If it fails, another follows an interval later, up
   * to {@value #FINAL_CHECKPOINT_TRIES} tries or the tolerated failures; then the job fails over.
   * Coordinator thread.
   */
  private void startFinalCheckpoint() {
    if (!ended) {
      start(new Pending(history.nextId++, clock.getAsLong()));
    }
  }

  /**
   * True once every source subtask has finished: no barrier can start any more, so a new checkpoint
   * could only complete as the rest of the job finishes.
   */
  private boolean allSourcesFinished() {
    Set<Integer> sourceVertices = new HashSet<>();
    for (SourceCheckpointTrigger s : sources) {
      sourceVertices.add(s.vertexId());
    }
    for (CheckpointParticipant t : participants) {
      if (sourceVertices.contains(t.vertexId()) && !finished.containsKey(key(t.vertexId(), t.subtaskIndex()))) {
        return false;
      }
    }
    return true;
  }

  /** Writes the final states of the subtasks that finished without taking part in {@code p} into it. */
  private void addFinalStates(Pending p) throws IOException {
    for (CheckpointParticipant t : participants) {
      String key = key(t.vertexId(), t.subtaskIndex());
      if (p.finishedSubtasks.contains(key)) {
        p.states.add(storage.writeTaskState(p.id, t.vertexId(), t.subtaskIndex(), finished.get(key)));
      }
    }
  }

  /** The operators of each vertex all of whose subtasks finished without taking part in {@code p}. */
  private Map<Integer, List<String>> finishedVertices(Pending p) {
    Map<Integer, Integer> unfinished = new HashMap<>();
    for (CheckpointParticipant t : participants) {
      boolean done = p.finishedSubtasks.contains(key(t.vertexId(), t.subtaskIndex()));
      unfinished.merge(t.vertexId(), done ? 0 : 1, Integer::sum);
    }
    Map<Integer, List<String>> vertices = new HashMap<>();
    unfinished.forEach((vertex, count) -> {
      if (count == 0) {
        vertices.put(vertex, operatorsByVertex.getOrDefault(vertex, List.of()));
      }
    });
    return vertices;
  }

  private void complete(Pending p) {
    p.timeout.cancel(false);
    pending.remove(p.id);
    for (TaskStateHandle s : p.states) {
      for (String file : s.reusedSharedFiles()) {
        if (!history.isShared(file)) {
          fail(p, "subtask " + s.subtaskIndex() + " of vertex " + s.vertexId() + " reused shared file " + file
              + ", which no retained checkpoint holds any more");
          return;
        }
      }
    }
    String path;
    try {
      addFinalStates(p);
      path = storage.writeMetadata(p.id, p.timestamp, p.states, maxParallelism, finishedVertices(p)).getParent()
          .toString();
    } catch (CheckpointOwnershipException e) {
      pending.remove(p.id);
      history.tracker().failed(p.id, clock.getAsLong(), e.getMessage());
      discard(p);
      stopTriggering();
      failJob.accept(e);
      return;
    } catch (IOException e) {
      fail(p, "its metadata could not be written: " + e);
      return;
    }
    long alignment = alignmentNanos(p);
    if (p.savepoint != null) {
      storage.endSavepoint(p.id);
      history.tracker().completed(p.id, clock.getAsLong(), uploadedBytes(p), fullBytes(p), alignment, path);
      LOG.info("Job '{}': savepoint {} completed at {}", jobName, p.id, path);
      for (CheckpointParticipant t : participants) {
        t.notifyCheckpointComplete(p.id);
      }
      p.savepoint.complete(path);
      return;
    }
    history.completed++;
    consecutiveFailures = 0;
    history.latestCompletedId = p.id;
    lastCompletionTime = clock.getAsLong();
    long uploaded = uploadedBytes(p);
    long full = fullBytes(p);
    history.recordStats(new CompletedCheckpointStats(p.id, lastCompletionTime - p.timestamp, uploaded, full,
        alignment));
    history.tracker().completed(p.id, lastCompletionTime, uploaded, full, alignment, path);
    LOG.info("Job '{}': checkpoint {} completed in {} ms ({} bytes written, {} bytes in all)", jobName, p.id,
        lastCompletionTime - p.timestamp, uploaded, full);
    history.registerShared(p.id, p.states);
    retained.add(p.id);
    while (retained.size() > settings.retained()) {
      long old = retained.poll();
      try {
        storage.discard(old);
        for (String file : history.unregisterShared(old)) {
          storage.deleteShared(file);
        }
      } catch (IOException e) {
        LOG.warn("Job '{}': could not delete checkpoint {} that is no longer retained", jobName, old, e);
      }
    }
    for (CheckpointParticipant t : participants) {
      t.notifyCheckpointComplete(p.id);
    }
  }

  /** The longest barrier alignment of {@code p}'s subtasks (ns). */
  private static long alignmentNanos(Pending p) {
    long longest = 0;
    for (TaskStateHandle s : p.states) {
      longest = Math.max(longest, s.alignmentNanos());
    }
    return longest;
  }

  /** Bytes checkpoint {@code p} wrote: its subtasks' states and the shared files they uploaded for it. */
  private static long uploadedBytes(Pending p) {
    long uploaded = 0;
    for (TaskStateHandle s : p.states) {
      uploaded += s.size() + s.uploadedSharedBytes();
    }
    return uploaded;
  }

  /** Bytes checkpoint {@code p} references in all: what a full snapshot of the same state would write. */
  private static long fullBytes(Pending p) {
    long full = 0;
    for (TaskStateHandle s : p.states) {
      full += s.size();
      for (long size : s.sharedFiles().values()) {
        full += size;
      }
    }
    return full;
  }

  private void abort(long checkpointId, String reason) {
    Pending p = pending.remove(checkpointId);
    if (p != null) {
      fail(p, reason);
    }
  }

  private void fail(Pending p, String reason) {
    history.tracker().failed(p.id, clock.getAsLong(), reason);
    if (p.savepoint != null) {
      discard(p);
      storage.endSavepoint(p.id);
      p.savepoint.completeExceptionally(new IllegalStateException("Savepoint " + p.id + " of job '" + jobName
          + "' failed: " + reason));
      return;
    }
    history.failed++;
    consecutiveFailures++;
    LOG.warn("Job '{}': checkpoint {} failed: {}", jobName, p.id, reason);
    discard(p);
    if (settings.tolerableFailures() >= 0 && consecutiveFailures > settings.tolerableFailures()) {
      failJob.accept(new IllegalStateException("Checkpoint " + p.id + " failed (" + reason + "), and "
          + consecutiveFailures + " checkpoints in a row have failed; the job tolerates "
          + settings.tolerableFailures()));
    } else if (finished.size() == participants.size()) {
      if (++finalCheckpointFailures >= FINAL_CHECKPOINT_TRIES) {
        failJob.accept(new IllegalStateException("Job '" + jobName + "' could not take its final checkpoint in "
            + FINAL_CHECKPOINT_TRIES + " tries (the last failed: " + reason + "), so its sinks' last output is not"
            + " committed"));
      } else {
        executor.schedule(this::startFinalCheckpoint, Math.max(settings.intervalMillis(), 1), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** A subtask wrote its state after the checkpoint was aborted: remove what it wrote. */
  private void discardLate(long checkpointId, TaskStateHandle state) {
    try {
      storage.discardFailed(checkpointId, List.of(state));
    } catch (IOException e) {
      LOG.warn("Job '{}': could not delete the files of aborted checkpoint {}", jobName, checkpointId, e);
    }
  }

  private void discard(Pending p) {
    if (p.timeout != null) {
      p.timeout.cancel(false);
    }
    try {
      if (p.savepoint != null) {
        storage.discard(p.id);
      } else {
        storage.discardFailed(p.id, p.states);
      }
    } catch (IOException e) {
      LOG.warn("Job '{}': could not delete the files of checkpoint {}", jobName, p.id, e);
    }
    deleteUnregisteredShared(p.states);
  }

  /** Deletes the shared files that {@code states} uploaded and no completed checkpoint references. */
  private void deleteUnregisteredShared(List<TaskStateHandle> states) {
    for (TaskStateHandle s : states) {
      for (String file : s.sharedFiles().keySet()) {
        if (!s.reusedSharedFiles().contains(file) && !history.isShared(file)) {
          try {
            storage.deleteShared(file);
          } catch (IOException e) {
            LOG.warn("Job '{}': could not delete shared file {} of a failed checkpoint", jobName, file, e);
          }
        }
      }
    }
  }

  /**
   * Stops triggering and aborts the pending checkpoints (the attempt has ended): their files are
   * deleted and a pending savepoint fails. Any thread.
   */
  public void stop() {
    executor.execute(() -> {
      ended = true;
      stopTriggering();
      for (Long id : new ArrayList<>(pending.keySet())) {
        Pending p = pending.remove(id);
        history.tracker().failed(p.id, clock.getAsLong(), "the job stopped running before it completed");
        discard(p);
        if (p.savepoint != null) {
          storage.endSavepoint(p.id);
          p.savepoint.completeExceptionally(new IllegalStateException("Savepoint " + p.id + " of job '" + jobName
              + "' was aborted: the job stopped running before it completed"));
        }
      }
    });
  }

  private void stopTriggering() {
    stopped = true;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }

  /** Counts and the latest completed checkpoint id (-1 if none); call on the coordinator thread or after it stopped. */
  public Stats stats() {
    return new Stats(history.completed, history.failed, history.latestCompletedId);
  }

  /** Checkpoint counts of a job. */
  public record Stats(int completed, int failed, long latestCompletedId) {}
}
