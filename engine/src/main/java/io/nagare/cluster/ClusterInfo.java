package io.nagare.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What the job manager's REST API shows of the cluster, its jobs and task managers, as records
 * serialised with Flink's keys. Immutable values; built on the job manager's thread.
 */
public final class ClusterInfo {
  private ClusterInfo() {}

  /** What the REST endpoint's {@code /overview} shows. */
  public record Overview(@JsonProperty("taskmanagers") int taskmanagers,
      @JsonProperty("slots-total") int slotsTotal, @JsonProperty("slots-available") int slotsAvailable,
      @JsonProperty("taskmanagers-lost") int taskmanagersLost, @JsonProperty("jobs-running") int jobsRunning,
      @JsonProperty("jobs-finished") int jobsFinished, @JsonProperty("jobs-cancelled") int jobsCancelled,
      @JsonProperty("jobs-failed") int jobsFailed) {}

  /**
   * What a subtask or vertex read from and wrote to the network, Flink's keys: records and bytes,
   * records per second, and the milliseconds per second it was busy, back-pressured and idle (a
   * vertex: the sums of its subtasks' counts and rates, the most of their times).
   */
  public record IoMetrics(@JsonProperty("read-records") long readRecords,
      @JsonProperty("write-records") long writeRecords, @JsonProperty("read-bytes") long readBytes,
      @JsonProperty("write-bytes") long writeBytes,
      @JsonProperty("read-records-per-second") double readRecordsPerSecond,
      @JsonProperty("write-records-per-second") double writeRecordsPerSecond,
      @JsonProperty("busy-time-ms-per-second") double busyTimeMsPerSecond,
      @JsonProperty("backpressured-time-ms-per-second") double backPressuredTimeMsPerSecond,
      @JsonProperty("idle-time-ms-per-second") double idleTimeMsPerSecond) {
    static final IoMetrics NONE = new IoMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0);

    static IoMetrics of(Map<String, Double> task) {
      return new IoMetrics(task.getOrDefault("numRecordsIn", 0.0).longValue(),
          task.getOrDefault("numRecordsOut", 0.0).longValue(), task.getOrDefault("numBytesIn", 0.0).longValue(),
          task.getOrDefault("numBytesOut", 0.0).longValue(), task.getOrDefault("numRecordsInPerSecond", 0.0),
          task.getOrDefault("numRecordsOutPerSecond", 0.0), task.getOrDefault("busyTimeMsPerSecond", 0.0),
          task.getOrDefault("backPressuredTimeMsPerSecond", 0.0), task.getOrDefault("idleTimeMsPerSecond", 0.0));
    }

    IoMetrics plus(IoMetrics o) {
      return new IoMetrics(readRecords + o.readRecords, writeRecords + o.writeRecords, readBytes + o.readBytes,
          writeBytes + o.writeBytes, readRecordsPerSecond + o.readRecordsPerSecond,
          writeRecordsPerSecond + o.writeRecordsPerSecond, Math.max(busyTimeMsPerSecond, o.busyTimeMsPerSecond),
          Math.max(backPressuredTimeMsPerSecond, o.backPressuredTimeMsPerSecond),
          Math.max(idleTimeMsPerSecond, o.idleTimeMsPerSecond));
    }

    /** Flink's back-pressure level of a share of time back-pressured: ok up to 10%, low up to 50%, else high. */
    String backPressureLevel() {
      return backPressuredTimeMsPerSecond <= 100 ? "ok" : backPressuredTimeMsPerSecond <= 500 ? "low" : "high";
    }
  }

  /** One subtask of a job's latest attempt: its index, state, task manager and (on REST) its metrics. */
  public record SubtaskInfo(@JsonProperty("subtask") int subtask, @JsonProperty("status") String status,
      @JsonProperty("taskmanager-id") String taskManager, @JsonProperty("metrics") IoMetrics metrics) {}

  /** One vertex of a job, as {@code /jobs/<id>} shows it, with its subtasks once deployed. */
  public record VertexInfo(@JsonProperty("id") int id, @JsonProperty("name") String name,
      @JsonProperty("parallelism") int parallelism, @JsonProperty("subtasks") List<SubtaskInfo> subtasks,
      @JsonProperty("metrics") IoMetrics metrics, @JsonProperty("backpressure-level") String backPressureLevel) {}

  /**
   * A job as {@code /jobs} and {@code /jobs/<id>} show it: Flink's keys, plus the root cause of a
   * failed job and the checkpoint or savepoint it started from.
   */
  public record JobInfo(@JsonProperty("jid") String id, @JsonProperty("name") String name,
      @JsonProperty("state") String state, @JsonProperty("start-time") long startTime,
      @JsonProperty("end-time") long endTime, @JsonProperty("duration") long duration,
      @JsonProperty("vertices") List<VertexInfo> vertices, @JsonProperty("root-exception") String rootException,
      @JsonProperty("restored-from") String restoredFrom) {}

  /**
   * One registered task manager, as {@code /taskmanagers} shows it; {@code metricReporters} are
   * where its reporters listen (e.g. {@code prometheus=http://host:9250/metrics}), {@code logUrl}
   * where its log can be read (on YARN its container's log page; empty if nowhere).
   */
  public record TaskManagerInfo(String id, String host, int dataPort, int slots, int freeSlots, long pid,
      long lastHeartbeat, @JsonProperty("metric-reporters") List<String> metricReporters,
      @JsonProperty("log-url") String logUrl) {}
}
