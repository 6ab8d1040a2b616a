package io.nagare.runtime.executor;

import io.nagare.api.common.Accumulator;
import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.metrics.MetricRegistry;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import io.nagare.plan.SourcePayload;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.runtime.checkpoint.CheckpointAcknowledger;
import io.nagare.runtime.checkpoint.CheckpointCoordinator;
import io.nagare.runtime.checkpoint.CheckpointHistory;
import io.nagare.runtime.checkpoint.CheckpointOwnershipException;
import io.nagare.runtime.checkpoint.CheckpointStorage;
import io.nagare.runtime.checkpoint.IncompatibleStateException;
import io.nagare.runtime.checkpoint.RestoredInFlightData;
import io.nagare.runtime.checkpoint.JobRestore;
import io.nagare.runtime.checkpoint.RestoredMaxParallelism;
import io.nagare.runtime.checkpoint.SourceCheckpointTrigger;
import io.nagare.runtime.io.TaskCancelledException;
import io.nagare.runtime.operators.OperatorException;
import io.nagare.runtime.source.SourceCoordinator;
import io.nagare.runtime.tasks.SourceCoordinatorGateway;
import io.nagare.runtime.tasks.SubtaskHandle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a job graph, from its start to its end: per attempt it runs the source
 * coordinators and the checkpoint coordinator on their own threads, has its {@link Deployment}
 * create and start every subtask (in this JVM or on a cluster's task managers), and waits until
 * all of them have ended. The first failure cancels the rest; the job then restarts from its
 * latest completed checkpoint as its restart strategy allows. {@link #run()} returns or throws only
 * after every subtask and helper thread of the run has ended.
 *
 * <p>The caller's thread owns this object; subtasks report through {@link #taskEnded}, which only
 * touches the synchronized failure field and the latch.
 */
public final class JobRun {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
  private static final long STUCK_WARNING_MILLIS = 5000;

  private final JobGraph job;
  private final ClassLoader userClassLoader;
  private final Deployment deployment;
  private final MetricRegistry metrics;
  private final boolean ownsMetrics;
  /** The job's scope on this side (job manager); replaced for every attempt, on the job's thread. */
  private GenericMetricGroup jobMetrics;
  /** When the current attempt's subtasks were started (epoch ms), 0 while none runs. */
  private volatile long runningSinceMillis;
  /** This attempt's subtasks: filled by the job's thread, iterated by whoever fails or cancels the job. */
  private final List<SubtaskHandle> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<SourceCoordinator<?>> coordinators = new ArrayList<>();
  private CountDownLatch remaining;
  private volatile CheckpointCoordinator checkpointCoordinator;
  private final CheckpointHistory checkpointHistory = new CheckpointHistory();
  private final ExceptionHistory exceptions = new ExceptionHistory();
  /** Each keyed operator's max parallelism, by operator id; set once before the first attempt. */
  private Map<String, Integer> maxParallelism = Map.of();
  /** For each restart, the id of the checkpoint it restored (-1: none). Owned by the caller of execute. */
  private final List<Long> restoredFrom = new ArrayList<>();
  private Throwable failure;
  /** When the last failure happened (System.nanoTime), for the restart time; guarded by this. */
  private long failedAtNanos;

  /** A run of {@code job} whose user code {@code userClassLoader} loads, its subtasks executed by {@code deployment}. */
  public JobRun(JobGraph job, ClassLoader userClassLoader, Deployment deployment) {
    this(job, userClassLoader, deployment, new MetricRegistry(), true);
  }

  /**
   * A run whose metrics go into {@code metrics}: the process's registry ({@code owned} false: the
   * job's metrics are removed when it ends) or one of its own, closed when it ends, its metrics
   * kept for reading.
   */
  public JobRun(JobGraph job, ClassLoader userClassLoader, Deployment deployment, MetricRegistry metrics,
      boolean owned) {
    this.job = job;
    this.userClassLoader = userClassLoader;
    this.deployment = deployment;
    this.metrics = metrics;
    this.ownsMetrics = owned;
  }

  /**
   * Runs the job to its end, restarting it as its restart strategy allows; the calling thread owns
   * the run. Interrupting that thread cancels the job: this returns, with the interrupt, once every
   * subtask has stopped.
   */
  public JobExecutionResult run() throws JobExecutionException, InterruptedException {
    try {
      return runUntilDone();
    } finally {
      coordinatorReady.completeExceptionally(new IllegalStateException("Job '" + job.jobName() + "' has ended"));
      if (ownsMetrics) {
        metrics.close();
      } else if (jobMetrics != null) {
        metrics.removeAll(jobMetrics);
      }
    }
  }

  private JobExecutionResult runUntilDone() throws JobExecutionException, InterruptedException {
    long start = System.nanoTime();
    Configuration conf = job.configuration();
    boolean checkpointed = !conf.get(CheckpointingOptions.INTERVAL).isZero();
    if (checkpointed) {
      io.nagare.runtime.checkpoint.TaskCheckpointing.validate(conf);
    }
    CheckpointStorage storage = storage(conf);
    RestartStrategy restarts = RestartStrategy.fromConfiguration(conf, checkpointed);
    int restartCount = 0;
    JobRestore initial = initialRestore(conf, storage);
    maxParallelism = maxParallelism(conf, initial);
    long continueAfter = initial == null ? -1 : initial.checkpointId();
    if (checkpointed) {
      continueAfter = Math.max(continueAfter, claim(storage, initial));
    }
    if (continueAfter >= 0) {
      checkpointHistory.continueAfter(continueAfter);
    }
    JobRestore restore = initial;
    while (true) {
      long runStart = System.currentTimeMillis();
      if (restore != null) {
        checkpointHistory.tracker().restored(restore.checkpointId(), restore.path(), runStart);
      }
      Throwable cause = runAttempt(restartCount, storage, restore);
      if (cause == null || stopRequested) {
        break;
      }
      long delay = cancelRequested || cause instanceof CheckpointOwnershipException ? -1
          : restarts.onFailure(System.currentTimeMillis(), runStart);
      if (delay < 0) {
        if (cancelRequested && !conf.get(CheckpointingOptions.RETAIN_ON_CANCELLATION)) {
          discardRetainedCheckpoints(storage);
        }
        throw new JobExecutionException(job.jobId(), describeFailure(cause), cause instanceof OperatorException
            || cause instanceof io.nagare.runtime.source.SourceCoordinatorException ? cause.getCause() : cause);
      }
      restartCount++;
      JobRestore latest = latestCheckpoint(storage);
      restore = latest != null ? latest : initial;
      restoredFrom.add(restore == null ? -1L : restore.checkpointId());
      LOG.info("Job '{}' failed ({}); restart {} in {} ms from {}", job.jobName(), cause.toString(), restartCount,
          delay, restore == null ? "the beginning" : "checkpoint " + restore.checkpointId());
      if (delay > 0) {
        new CountDownLatch(1).await(delay, TimeUnit.MILLISECONDS);
      }
    }
    Duration runtime = Duration.ofNanos(System.nanoTime() - start);
    return new JobExecutionResult(job.jobId(), runtime, mergeAccumulators(), restartCount,
        checkpointHistory.completedStats(), restoredFrom);
  }

  /** Deletes the retained checkpoints of a cancelled job; the coordinator has stopped by now. */
  private void discardRetainedCheckpoints(CheckpointStorage storage) {
    for (Long id : checkpointHistory.retainedIds()) {
      try {
        storage.discard(id);
        for (String file : checkpointHistory.unregisterShared(id)) {
          storage.deleteShared(file);
        }
      } catch (IOException e) {
        LOG.warn("Job '{}': could not delete checkpoint {} after cancellation", job.jobName(), id, e);
      }
    }
  }

  private CheckpointStorage storage(Configuration conf) {
    return new CheckpointStorage(checkpointsDirectory(conf), job.jobId());
  }

  /**
   * The checkpoint or savepoint {@code execution.savepoint.path} names, read back and checked: every
   * operator with state in it must exist in this job (found by its uid) unless unclaimed state may
   * be dropped, or it is this very job's own checkpoint (a job manager resuming it). Null if no path
   * is set.
   */
  private JobRestore initialRestore(Configuration conf, CheckpointStorage storage) throws JobExecutionException {
    String path = conf.get(CheckpointingOptions.RESTORE_PATH);
    if (path.isEmpty()) {
      return null;
    }
    JobRestore restore;
    boolean own;
    java.util.Set<String> unclaimed = new java.util.TreeSet<>();
    try {
      restore = JobRestore.read(path);
      own = storage.isOwnCheckpoint(restore.path());
      if (!own) {
        unclaimed.addAll(restore.operatorIdsWithState());
      }
    } catch (IOException e) {
      throw new JobExecutionException(job.jobId(), "Job '" + job.jobName() + "' cannot restore from '" + path + "': "
          + e.getMessage(), e);
    }
    for (JobVertex v : job.vertices()) {
      for (io.nagare.plan.OperatorConfig op : v.operators()) {
        unclaimed.remove(op.operatorId());
      }
    }
    if (!unclaimed.isEmpty() && !conf.get(CheckpointingOptions.IGNORE_UNCLAIMED_STATE)) {
      throw new JobExecutionException(job.jobId(), "Job '" + job.jobName() + "' cannot restore from '" + path
          + "': it has state of operators " + unclaimed + " that this job does not have. Give the operators"
          + " their former uid(...), or set " + CheckpointingOptions.IGNORE_UNCLAIMED_STATE.key()
          + ": true (-n on the command line) to drop that state.", null);
    }
    LOG.info("Job '{}' starts from checkpoint {} at {}", job.jobName(), restore.checkpointId(), path);
    if (own) {
      adoptOwnCheckpoints(storage, restore);
    }
    return restore;
  }

  /**
   * A job resumed from its own checkpoint (its job manager's process was replaced) takes over the
   * completed checkpoints its earlier run left, the one it resumes from among them, with the shared
   * files they use; the retention policy then deletes them in turn, and their shared files once unused.
   * What the earlier run left unfinished (checkpoints without metadata, shared files no completed
   * checkpoint uses) is deleted before anything new is written.
   */
  private void adoptOwnCheckpoints(CheckpointStorage storage, JobRestore restore) throws JobExecutionException {
    try {
      for (long id : storage.completedCheckpointIds()) {
        checkpointHistory.adoptRestored(id, id == restore.checkpointId() ? restore.handles()
            : CheckpointStorage.readMetadata(storage.checkpointDirectory(id).toString()).states());
      }
      LOG.info("Job '{}' keeps its retained checkpoints {}", job.jobName(), checkpointHistory.retainedIds());
      List<String> leftovers = storage.deleteLeftovers(checkpointHistory.sharedFiles());
      if (!leftovers.isEmpty()) {
        LOG.info("Job '{}' deleted what its earlier run left unfinished: {}", job.jobName(), leftovers);
      }
    } catch (IOException e) {
      throw new JobExecutionException(job.jobId(), "Job '" + job.jobName()
          + "' cannot read its earlier checkpoints beside " + restore.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Claims the job's checkpoint directory for this run (a stale run of the job can then no longer
   * complete checkpoints there), and returns the highest checkpoint id in it, so this run's ids
   * follow every id another run may have used. If the file system fails now, the storage claims
   * before this run's first checkpoint completes instead, and that checkpoint fails if it still cannot.
   */
  private long claim(CheckpointStorage storage, JobRestore restore) throws JobExecutionException {
    try {
      boolean own = restore != null && storage.isOwnCheckpoint(restore.path());
      storage.claim(own ? restore.checkpointId() : -1);
      return storage.highestCheckpointId();
    } catch (IOException e) {
      LOG.warn("Job '{}' could not claim its checkpoint directory in {} yet ({}); its first checkpoint claims it",
          job.jobName(), storage.baseDirectory(), e.toString());
      return -1;
    }
  }

  /**
   * Each keyed operator's max parallelism for this run: the job graph's, or that of the state it
   * restores (see {@link RestoredMaxParallelism}); every checkpoint of the run records it.
   */
  private Map<String, Integer> maxParallelism(Configuration conf, JobRestore restore) throws JobExecutionException {
    try {
      RestoredInFlightData.check(job, restore);
      return RestoredMaxParallelism.of(job, restore);
    } catch (IOException | IncompatibleStateException e) {
      throw new JobExecutionException(job.jobId(), "Job '" + job.jobName() + "' cannot restore from '"
          + conf.get(CheckpointingOptions.RESTORE_PATH) + "': " + e.getMessage(), e);
    }
  }

  /** The latest completed checkpoint, read back; null if there is none. */
  private JobRestore latestCheckpoint(CheckpointStorage storage) throws JobExecutionException {
    if (storage == null || checkpointHistory.latestCompletedId() < 0) {
      return null;
    }
    String dir = "checkpoint " + checkpointHistory.latestCompletedId();
    try {
      dir = storage.checkpointDirectory(checkpointHistory.latestCompletedId()).toString();
      return JobRestore.read(dir);
    } catch (IOException e) {
      throw new JobExecutionException(job.jobId(), "Job '" + job.jobName() + "' cannot read checkpoint " + dir
          + " to restart from: " + e.getMessage(), e);
    }
  }

  /**
   * The job's own metrics, Flink's names: {@code numRestarts}, {@code numberOfCompletedCheckpoints},
   * {@code numberOfFailedCheckpoints}, {@code lastCheckpointDuration} (ms), {@code
   * lastCheckpointSize} (bytes the last checkpoint wrote), {@code uptime} (ms the current attempt
   * has run, 0 while none runs), {@code runningState} (1 while an attempt runs, else 0: Flink's job
   * status gauge), {@code lastCheckpointFullSize} (bytes it references in all) and
   * {@code lastCheckpointAlignmentTime} (ns, its subtasks' longest barrier alignment). Read by
   * reporters on their own threads.
   */
  private void registerJobMetrics(GenericMetricGroup group, int attempt) {
    group.gauge("numRestarts", (io.nagare.api.metrics.Gauge<Integer>) () -> attempt);
    group.gauge("uptime", (io.nagare.api.metrics.Gauge<Long>) () -> {
      long since = runningSinceMillis;
      return since == 0 ? 0L : System.currentTimeMillis() - since;
    });
    group.gauge("runningState", (io.nagare.api.metrics.Gauge<Long>) () -> runningSinceMillis == 0 ? 0L : 1L);
    group.gauge("numberOfCompletedCheckpoints", (io.nagare.api.metrics.Gauge<Integer>) checkpointHistory::completed);
    group.gauge("numberOfFailedCheckpoints", (io.nagare.api.metrics.Gauge<Integer>) checkpointHistory::failed);
    group.gauge("lastCheckpointDuration", (io.nagare.api.metrics.Gauge<Long>) () -> {
      io.nagare.api.common.CompletedCheckpointStats last = checkpointHistory.latestStats();
      return last == null ? -1L : last.durationMillis();
    });
    group.gauge("lastCheckpointSize", (io.nagare.api.metrics.Gauge<Long>) () -> {
      io.nagare.api.common.CompletedCheckpointStats last = checkpointHistory.latestStats();
      return last == null ? -1L : last.uploadedBytes();
    });
    group.gauge("lastCheckpointFullSize", (io.nagare.api.metrics.Gauge<Long>) () -> {
      io.nagare.api.common.CompletedCheckpointStats last = checkpointHistory.latestStats();
      return last == null ? -1L : last.fullBytes();
    });
    group.gauge("lastCheckpointAlignmentTime", (io.nagare.api.metrics.Gauge<Long>) () -> {
      io.nagare.api.common.CompletedCheckpointStats last = checkpointHistory.latestStats();
      return last == null ? -1L : last.alignmentNanos();
    });
  }

  /** Runs every subtask once; returns the failure, or null if the job finished. */
  private Throwable runAttempt(int attempt, CheckpointStorage storage, JobRestore restore)
      throws JobExecutionException, InterruptedException {
    tasks.clear();
    coordinators.clear();
    synchronized (this) {
      if (!cancelRequested && !stopRequested) {
        failure = null;
      }
    }
    if (jobMetrics != null) {
      metrics.removeAll(jobMetrics);
    }
    String coordinatorName = "nagare-source-coordinator " + job.jobName();
    String checkpointName = "nagare-checkpoint-coordinator " + job.jobName();
    ExecutorService coordinatorThread = Executors.newSingleThreadExecutor(HelperThreads.daemon(coordinatorName,
        userClassLoader));
    ScheduledThreadPoolExecutor checkpointThread = new ScheduledThreadPoolExecutor(1,
        HelperThreads.daemon(checkpointName));
    checkpointThread.setRemoveOnCancelPolicy(true);
    checkpointCoordinator = null;
    try {
      jobMetrics = metrics.jobManagerGroup().addJob(job.jobId(), job.jobName());
      registerJobMetrics(jobMetrics, attempt);
      SourceCoordinatorGateway[] sourceCoordinators = createCoordinators(coordinatorThread, restore);
      CheckpointAcknowledger acknowledger = new CheckpointAcknowledger() {
        @Override
        public void acknowledge(io.nagare.runtime.checkpoint.TaskStateHandle state, long checkpointId) {
          checkpointCoordinator.acknowledge(state, checkpointId);
        }

        @Override
        public void decline(long checkpointId, String reason) {
          checkpointCoordinator.decline(checkpointId, reason);
        }
      };
      tasks.addAll(deployment.create(new Deployment.Attempt(attempt, restore, sourceCoordinators, acknowledger,
          storage, this::taskEnded, jobMetrics, this::failJob)));
      checkpointCoordinator = createCheckpointCoordinator(job.configuration(), storage, checkpointThread);
      checkpointCoordinator.start();
      coordinatorReady.complete(checkpointCoordinator);
      remaining = new CountDownLatch(tasks.size());
      if (failure() != null) {
        return failure();
      }
      deployment.start();
      runningSinceMillis = System.currentTimeMillis();
      if (attempt > 0) {
        long millis;
        synchronized (this) {
          millis = (System.nanoTime() - failedAtNanos) / 1_000_000;
        }
        LOG.info("Job '{}' is running again (restart {}) {} ms after its failure", job.jobName(), attempt, millis);
      }
      awaitTasks();
    } catch (InterruptedException e) {
      cancel();
      throw e;
    } catch (JobExecutionException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      failJob(e);
    } finally {
      runningSinceMillis = 0;
      coordinatorReady = new CompletableFuture<>();
      deployment.release();
      for (SourceCoordinator<?> c : coordinators) {
        c.close();
      }
      coordinatorThread.shutdown();
      HelperThreads.awaitStop(coordinatorThread, coordinatorName);
      if (checkpointCoordinator != null) {
        checkpointCoordinator.stop();
      }
      checkpointThread.shutdown();
      HelperThreads.awaitStop(checkpointThread, checkpointName);
    }
    return failure();
  }

  private volatile boolean stopRequested;
  /** Completed with the coordinator once the current run's subtasks start; replaced for every run. */
  private volatile CompletableFuture<CheckpointCoordinator> coordinatorReady = new CompletableFuture<>();
  private volatile boolean cancelRequested;

  String jobId() {
    return job.jobId();
  }

  String jobName() {
    return job.jobName();
  }

  /** Takes a savepoint of the running job (once its subtasks run); any thread. */
  CompletableFuture<String> triggerSavepoint(String directory) {
    return coordinatorReady.thenCompose(c -> c.triggerSavepoint(directory));
  }

  /** Stops the job without restarting it; {@link #run()} then returns normally. Any thread. */
  void stop() {
    stopRequested = true;
    failJob(new TaskCancelledException("stopped"));
  }

  /** Cancels the job without restarting it; {@link #run()} then throws. Any thread. */
  void cancel() {
    cancelRequested = true;
    failJob(new TaskCancelledException("Job '" + job.jobName() + "' was cancelled"));
  }

  private static String checkpointsDirectory(Configuration conf) {
    String dir = conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
    if (dir.isEmpty()) {
      dir = new java.io.File(System.getProperty("java.io.tmpdir"), "nagare-checkpoints").toURI().toString();
      LOG.info("No state.checkpoints.dir set: checkpoints go to {}", dir);
    }
    return dir;
  }

  private CheckpointCoordinator createCheckpointCoordinator(Configuration conf, CheckpointStorage storage,
      ScheduledExecutorService thread) {
    CheckpointCoordinator.Settings settings = new CheckpointCoordinator.Settings(
        conf.get(CheckpointingOptions.INTERVAL).toMillis(), conf.get(CheckpointingOptions.TIMEOUT).toMillis(),
        conf.get(CheckpointingOptions.MIN_PAUSE).toMillis(), conf.get(CheckpointingOptions.MAX_CONCURRENT),
        conf.get(CheckpointingOptions.TOLERABLE_FAILURES), conf.get(CheckpointingOptions.RETAINED));
    List<SourceCheckpointTrigger> sources = new ArrayList<>();
    for (JobVertex v : job.vertices()) {
      if (v.isSource()) {
        SourceCoordinator<?> coordinator = sourceCoordinatorOf(v.id());
        List<SubtaskHandle> subtasks = new ArrayList<>();
        for (SubtaskHandle t : tasks) {
          if (t.vertexId() == v.id()) {
            subtasks.add(t);
          }
        }
        sources.add(new SourceCheckpointTrigger() {
          @Override
          public int vertexId() {
            return v.id();
          }

          @Override
          public void trigger(long checkpointId, long timestamp, java.util.function.Consumer<byte[]> enumeratorState) {
            coordinator.snapshotAndTrigger(checkpointId, () -> {
              for (SubtaskHandle t : subtasks) {
                t.triggerCheckpoint(checkpointId, timestamp);
              }
            }, enumeratorState::accept);
          }
        });
      }
    }
    Map<Integer, List<String>> operatorsByVertex = new java.util.HashMap<>();
    for (JobVertex v : job.vertices()) {
      operatorsByVertex.put(v.id(), v.operators().stream().map(io.nagare.plan.OperatorConfig::operatorId).toList());
    }
    return new CheckpointCoordinator(job.jobName(), settings, storage, maxParallelism, operatorsByVertex, sources,
        new ArrayList<>(tasks), checkpointHistory, thread, System::currentTimeMillis, this::failJob);
  }

  private SourceCoordinator<?> sourceCoordinatorOf(int vertexId) {
    for (SourceCoordinator<?> c : coordinators) {
      if (c.vertexId() == vertexId) {
        return c;
      }
    }
    throw new IllegalStateException("No source coordinator for vertex " + vertexId);
  }

  /** Checkpoint counts of the run so far (read after {@link #run()}). */
  /** The job's checkpoint counts, statistics and history; its tracker is safe to read from any thread. */
  public CheckpointHistory checkpointHistory() {
    return checkpointHistory;
  }

  private String taskName(SubtaskHandle task) {
    io.nagare.plan.JobVertex v = job.vertices().get(task.vertexId());
    return v.name() + " (" + (task.subtaskIndex() + 1) + "/" + v.parallelism() + ")";
  }

  /** The root causes of the job's failures, newest first; any thread. */
  public ExceptionHistory exceptions() {
    return exceptions;
  }

  private String describeFailure(Throwable cause) {
    return "Job '" + job.jobName() + "' (" + job.jobId() + ") failed: " + cause.getMessage();
  }

  private void awaitTasks() throws InterruptedException {
    while (!remaining.await(STUCK_WARNING_MILLIS, TimeUnit.MILLISECONDS)) {
      if (failure() != null) {
        for (SubtaskHandle t : tasks) {
          t.cancel();
        }
        LOG.warn("Job '{}': {} subtask(s) have not stopped yet after cancellation; interrupting them again",
            job.jobName(), remaining.getCount());
      }
    }
  }

  private SourceCoordinatorGateway[] createCoordinators(ExecutorService coordinatorThread, JobRestore restore) {
    SourceCoordinatorGateway[] gateways = new SourceCoordinatorGateway[job.vertices().size()];
    for (JobVertex v : job.vertices()) {
      if (v.isSource()) {
        SourcePayload payload;
        try {
          payload = UserCodeSerialization.deserialize(v.head().payload(), userClassLoader);
        } catch (Exception e) {
          throw new IllegalStateException("Cannot load the source of '" + v.name() + "': " + e, e);
        }
        byte[] enumerator = restore == null ? null : restore.enumeratorState(v.head().operatorId());
        SourceCoordinator<?> c = new SourceCoordinator<>(v.id(), v.head().name(), payload.source(), v.parallelism(),
            coordinatorThread, this::failJob, enumerator == null ? 0 : JobRestore.enumeratorVersion(enumerator),
            enumerator == null ? null : JobRestore.enumeratorBytes(enumerator));
        coordinators.add(c);
        gateways[v.id()] = c;
      }
    }
    return gateways;
  }

  private void taskEnded(SubtaskHandle task, Throwable taskFailure) {
    if (taskFailure != null && !(taskFailure instanceof TaskCancelledException)) {
      failJob(taskFailure, task);
    }
    remaining.countDown();
  }

  private void failJob(Throwable cause) {
    failJob(cause, null);
  }

  /** Fails the current attempt; the first cause is its root cause, kept in the exception history. */
  private void failJob(Throwable cause, SubtaskHandle task) {
    boolean first;
    synchronized (this) {
      first = failure == null;
      if (first) {
        failure = cause;
        failedAtNanos = System.nanoTime();
      }
    }
    if (first && !(cause instanceof TaskCancelledException)) {
      exceptions.add(cause, task == null ? null : taskName(task), task == null ? null : task.location(),
          System.currentTimeMillis());
    }
    if (first) {
      LOG.info("Job '{}' failed, cancelling its subtasks: {}", job.jobName(), cause.toString());
      deployment.abort(cause);
      for (SubtaskHandle t : tasks) {
        t.cancel();
      }
    }
  }

  private synchronized Throwable failure() {
    return failure;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Map<String, Object> mergeAccumulators() {
    Map<String, Accumulator> merged = new LinkedHashMap<>();
    for (SubtaskHandle t : tasks) {
      t.accumulators().forEach((name, acc) -> {
        Accumulator existing = merged.get(name);
        if (existing == null) {
          merged.put(name, acc.clone());
        } else if (existing.getClass() != acc.getClass()) {
          throw new IllegalStateException("Accumulator '" + name + "' has different types in different subtasks: "
              + existing.getClass().getName() + " and " + acc.getClass().getName());
        } else {
          existing.merge(acc);
        }
      });
    }
    Map<String, Object> values = new LinkedHashMap<>();
    merged.forEach((name, acc) -> values.put(name, acc.getLocalValue()));
    return values;
  }

  MetricRegistry metrics() {
    return metrics;
  }
}
