package io.nagare.api.common;

/**
 * Thrown by {@code execute()} when a job fails. The cause is the original exception thrown by user
 * code (or the runtime); the message names the operator and subtask where it was thrown.
 */
public class JobExecutionException extends Exception {
  private final String jobId;

  public JobExecutionException(String jobId, String message, Throwable cause) {
    super(message, cause);
    this.jobId = jobId;
  }

  public String getJobId() {
    return jobId;
  }
}
