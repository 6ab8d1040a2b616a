package io.nagare.runtime.executor;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.JobClient;
import java.util.concurrent.CompletableFuture;

/**
 * A job run by this JVM on its own thread ({@code nagare-job <name>}), which owns the {@link
 * JobRun}; the methods here only ask it to act and return futures. Thread-safe.
 */
public final class JobRunClient implements JobClient {
  private final String jobId;
  private final JobRun run;
  private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();

  /** The run this client drives. */
  public JobRun run() {
    return run;
  }

  /** Starts {@code run} on a new thread. */
  public JobRunClient(JobRun run) {
    this.jobId = run.jobId();
    this.run = run;
    Thread thread = new Thread(() -> {
      try {
        result.complete(run.run());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.completeExceptionally(e);
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "nagare-job " + run.jobName());
    thread.start();
  }

  @Override
  public String getJobId() {
    return jobId;
  }

  @Override
  public CompletableFuture<String> triggerSavepoint(String directory) {
    return run.triggerSavepoint(directory);
  }

  @Override
  public CompletableFuture<String> stopWithSavepoint(String directory) {
    return run.triggerSavepoint(directory).thenApply(path -> {
      run.stop();
      return path;
    });
  }

  @Override
  public CompletableFuture<Void> cancel() {
    run.cancel();
    return result.handle((r, t) -> null);
  }

  @Override
  public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
    return result;
  }
}
