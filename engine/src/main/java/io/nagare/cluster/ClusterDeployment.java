package io.nagare.cluster;

import io.nagare.plan.JobGraph;
import io.nagare.runtime.executor.Deployment;
import io.nagare.runtime.tasks.SubtaskHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a job's subtasks on the task managers of the job manager's cluster: per attempt it waits
 * for enough free slots, ships the job's jar to task managers that lack it, deploys every task
 * manager's share of the subtasks, and starts them once all task managers have created theirs (so
 * no subtask asks for a partition that does not exist yet).
 *
 * <p>Threading: called on the job's run thread; everything it touches on the cluster happens on
 * the job manager's thread, through futures.
 */
final class ClusterDeployment implements Deployment {
  private final JobManager jobManager;
  private final JobGraph job;
  private final byte[] jobGraph;
  private final ClassLoader userClassLoader;
  private volatile RemoteAttempt current;
  /** The latest attempt deployed, kept after it ended so its subtasks' final states can be shown. */
  private volatile RemoteAttempt latest;

  ClusterDeployment(JobManager jobManager, JobGraph job, byte[] jobGraph, ClassLoader userClassLoader) {
    this.jobManager = jobManager;
    this.job = job;
    this.jobGraph = jobGraph;
    this.userClassLoader = userClassLoader;
  }

  private final java.util.concurrent.ConcurrentHashMap<Integer, CompletableFuture<Long>> running =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Completes with the time (epoch milliseconds) at which every subtask of attempt {@code attempt}
   * had reported running. Any thread.
   */
  CompletableFuture<Long> running(int attempt) {
    return running.computeIfAbsent(attempt, n -> new CompletableFuture<>());
  }

  /** The latest attempt deployed, or null before the first. */
  RemoteAttempt latest() {
    return latest;
  }

  JobGraph job() {
    return job;
  }

  byte[] jobGraph() {
    return jobGraph;
  }

  ClassLoader userClassLoader() {
    return userClassLoader;
  }

  /** Why the current attempt was aborted, or null; set by any thread, cleared per attempt. */
  private volatile Throwable aborted;
  private volatile CompletableFuture<?> slots;

  @Override
  public List<SubtaskHandle> create(Attempt attempt) throws Exception {
    aborted = null;
    CompletableFuture<Map<SlotAssignment.Subtask, SlotAssignment.Slot>> granted = new CompletableFuture<>();
    slots = granted;
    RemoteAttempt a = await(jobManager.deploy(this, attempt, granted));
    current = a;
    latest = a;
    if (aborted != null) {
      throw new Exception("Attempt " + attempt.number() + " was aborted: " + aborted, aborted);
    }
    await(a.deployed());
    return a.handles();
  }

  @Override
  public void abort(Throwable cause) {
    aborted = cause;
    CompletableFuture<?> waiting = slots;
    if (waiting != null) {
      waiting.completeExceptionally(cause);
    }
    RemoteAttempt a = current;
    if (a != null) {
      a.deployed().completeExceptionally(cause);
    }
  }

  @Override
  public void start() {
    RemoteAttempt a = current;
    jobManager.execute(a::start);
  }

  @Override
  public void release() throws InterruptedException {
    RemoteAttempt a = current;
    current = null;
    slots = null;
    if (a != null) {
      try {
        jobManager.releaseAttempt(a).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("Cannot release " + a.id() + ": " + e.getCause(), e.getCause());
      }
    }
  }

  /** The future's value; its failure as a checked exception, so the run restarts rather than gives up. */
  private static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex && !(cause instanceof RuntimeException)) {
        throw ex;
      }
      throw new Exception(cause.getMessage(), cause);
    }
  }
}
