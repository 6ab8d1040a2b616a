package io.nagare.cluster;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.JobClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A submitted job, reached through its job manager's REST endpoint: savepoints, stop, cancel and
 * the result ({@link RemoteExecutorFactory#resultOf}). Each call runs on the common pool; the
 * object keeps no state beyond the job's id and the client.
 */
public final class RestJobClient implements JobClient {
  private final RestClusterClient client;
  private final String jobId;

  public RestJobClient(RestClusterClient client, String jobId) {
    this.client = client;
    this.jobId = jobId;
  }

  @Override
  public String getJobId() {
    return jobId;
  }

  @Override
  public CompletableFuture<String> triggerSavepoint(String directory) {
    return async(() -> client.savepoint(jobId, directory));
  }

  @Override
  public CompletableFuture<String> stopWithSavepoint(String directory) {
    return async(() -> client.stop(jobId, directory));
  }

  @Override
  public CompletableFuture<Void> cancel() {
    return async(() -> {
      client.cancel(jobId);
      return null;
    });
  }

  @Override
  public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
    return async(this::awaitResult);
  }

  /** Waits for the job's end; a failed or cancelled job throws. */
  public JobExecutionResult awaitResult() throws IOException, InterruptedException, JobExecutionException {
    return RemoteExecutorFactory.resultOf(jobId, client.awaitResult(jobId));
  }

  private interface Call<T> {
    T call() throws IOException, InterruptedException, JobExecutionException;
  }

  private static <T> CompletableFuture<T> async(Call<T> call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return call.call();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (JobExecutionException e) {
        throw new CompletionException(e);
      }
    });
  }
}
