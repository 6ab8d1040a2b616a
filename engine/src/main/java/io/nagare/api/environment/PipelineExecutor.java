package io.nagare.api.environment;

import io.nagare.api.common.JobExecutionResult;

/**
 * Runs a {@link Pipeline} somewhere: in this JVM, on a standalone cluster, on YARN. Implementations
 * are found through {@link PipelineExecutorFactory} by the {@code execution.target} option.
 */
public interface PipelineExecutor {
  /**
   * Runs the pipeline to its end and returns the result.
   *
   * @throws io.nagare.api.common.JobExecutionException if the job fails
   * @throws IllegalArgumentException if the pipeline cannot be turned into a job (the message says why)
   */
  JobExecutionResult execute(Pipeline pipeline) throws Exception;

  /** Starts the pipeline and returns at once with a handle on the running job. */
  JobClient executeAsync(Pipeline pipeline) throws Exception;
}
