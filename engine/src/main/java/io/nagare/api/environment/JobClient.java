package io.nagare.api.environment;

import io.nagare.api.common.JobExecutionResult;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on a job started with {@link StreamExecutionEnvironment#executeAsync}: take savepoints,
 * stop it with a savepoint, cancel it, or wait for its result. Thread-safe.
 */
public interface JobClient {
  String getJobId();

  /**
   * Takes a savepoint into a new directory under {@code directory} (any Hadoop file system); the
   * future gives the savepoint's path, which {@code execution.savepoint.path} (or {@code nagare run
   * -s}) starts a job from. Savepoints are never deleted by the job.
   */
  CompletableFuture<String> triggerSavepoint(String directory);

  /** Takes a savepoint and, once it is complete, stops the job (its result completes normally). */
  CompletableFuture<String> stopWithSavepoint(String directory);

  /** Cancels the job: no restart; its result completes exceptionally. */
  CompletableFuture<Void> cancel();

  CompletableFuture<JobExecutionResult> getJobExecutionResult();
}
