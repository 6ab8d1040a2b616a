package io.nagare.api.common;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What {@code execute()} returns once a bounded job has finished. */
public final class JobExecutionResult {
  private final String jobId;
  private final Duration netRuntime;
  private final Map<String, Object> accumulators;
  private final int restarts;
  private final List<CompletedCheckpointStats> checkpoints;
  private final List<Long> restoredCheckpoints;

  public JobExecutionResult(String jobId, Duration netRuntime, Map<String, Object> accumulators, int restarts) {
    this(jobId, netRuntime, accumulators, restarts, List.of(), List.of());
  }

  public JobExecutionResult(String jobId, Duration netRuntime, Map<String, Object> accumulators, int restarts,
      List<CompletedCheckpointStats> checkpoints, List<Long> restoredCheckpoints) {
    this.restoredCheckpoints = List.copyOf(restoredCheckpoints);
    this.jobId = jobId;
    this.netRuntime = netRuntime;
    this.accumulators = Collections.unmodifiableMap(accumulators);
    this.restarts = restarts;
    this.checkpoints = List.copyOf(checkpoints);
  }

  /** Every checkpoint the job completed (not savepoints), in order: durations and bytes written. */
  public List<CompletedCheckpointStats> getCompletedCheckpoints() {
    return checkpoints;
  }

  public String getJobId() {
    return jobId;
  }

  /** Wall time from the job's start to its end. */
  public Duration getNetRuntime() {
    return netRuntime;
  }

  /** The merged value of the accumulator registered under {@code name}, or null. */
  @SuppressWarnings("unchecked")
  public <T> T getAccumulatorResult(String name) {
    return (T) accumulators.get(name);
  }

  public Map<String, Object> getAllAccumulatorResults() {
    return accumulators;
  }

  /** For each restart after a failure, in order, the id of the checkpoint it resumed from (-1: from the start). */
  public List<Long> getRestoredCheckpoints() {
    return restoredCheckpoints;
  }

  /** How many times the job restarted after a failure. */
  public int getRestarts() {
    return restarts;
  }

  @Override
  public String toString() {
    return "JobExecutionResult{jobId=" + jobId + ", netRuntime=" + netRuntime.toMillis() + " ms, accumulators="
        + accumulators + ", restarts=" + restarts + "}";
  }
}
