package io.nagare.cluster;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.runtime.checkpoint.CheckpointStatsTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code /jobs/<id>/checkpoints} and {@code /jobs/<id>/checkpoints/config}, with
 * Flink's keys, so tools written against Flink's REST API read them. Stateless.
 */
final class CheckpointsJson {
  private CheckpointsJson() {}

  /**
   * Counts, summary (min/max/avg of end-to-end duration, state size, checkpointed size, and the
   * longest barrier alignment of each checkpoint's subtasks in ms), latest, history.
   */
  static Map<String, Object> of(CheckpointStatsTracker.Snapshot s) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("restored", s.restored());
    counts.put("total", s.inProgress() + s.completed() + s.failed());
    counts.put("in_progress", s.inProgress());
    counts.put("completed", s.completed());
    counts.put("failed", s.failed());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("end_to_end_duration", minMaxAvg(s.duration()));
    summary.put("state_size", minMaxAvg(s.stateSize()));
    summary.put("checkpointed_size", minMaxAvg(s.uploadedBytes()));
    CheckpointStatsTracker.MinMaxAvg alignment = s.alignmentNanos();
    summary.put("alignment_duration", minMaxAvg(new CheckpointStatsTracker.MinMaxAvg(millis(alignment.min()),
        millis(alignment.max()), millis(alignment.avg()))));
    Map<String, Object> latest = new LinkedHashMap<>();
    latest.put("completed", s.latestCompleted() == null ? null : entry(s.latestCompleted()));
    latest.put("savepoint", s.latestSavepoint() == null ? null : entry(s.latestSavepoint()));
    latest.put("failed", s.latestFailed() == null ? null : entry(s.latestFailed()));
    latest.put("restored", s.latestRestored() == null ? null : Map.of("id", s.latestRestored().id(),
        "external_path", s.latestRestored().externalPath(), "restore_timestamp",
        s.latestRestored().restoreTimestamp()));
    List<Object> history = new ArrayList<>();
    s.history().forEach(e -> history.add(entry(e)));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("counts", counts);
    json.put("summary", summary);
    json.put("latest", latest);
    json.put("history", history);
    return json;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static Map<String, Object> minMaxAvg(CheckpointStatsTracker.MinMaxAvg m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("min", m.min());
    json.put("max", m.max());
    json.put("avg", m.avg());
    return json;
  }

  private static Map<String, Object> entry(CheckpointStatsTracker.Entry e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", e.id());
    json.put("status", e.status().name());
    json.put("is_savepoint", e.savepoint());
    json.put("trigger_timestamp", e.triggerTimestamp());
    json.put("latest_ack_timestamp", e.endTimestamp());
    json.put("end_to_end_duration", e.durationMillis());
    json.put("state_size", e.stateSize());
    json.put("checkpointed_size", e.uploadedBytes());
    json.put("alignment_duration", millis(e.alignmentNanos()));
    json.put("external_path", e.externalPath());
    json.put("failure_message", e.failureMessage());
    return json;
  }

  /** The job's checkpointing settings. */
  static Map<String, Object> config(Configuration conf) {
    Map<String, Object> json = new LinkedHashMap<>();
    boolean enabled = !conf.get(CheckpointingOptions.INTERVAL).isZero();
    json.put("mode", enabled ? conf.get(CheckpointingOptions.MODE).toLowerCase(java.util.Locale.ROOT) : "disabled");
    json.put("unaligned_checkpoints", enabled && conf.get(CheckpointingOptions.UNALIGNED));
    json.put("interval", conf.get(CheckpointingOptions.INTERVAL).toMillis());
    json.put("timeout", conf.get(CheckpointingOptions.TIMEOUT).toMillis());
    json.put("min_pause", conf.get(CheckpointingOptions.MIN_PAUSE).toMillis());
    json.put("max_concurrent", conf.get(CheckpointingOptions.MAX_CONCURRENT));
    json.put("tolerable_failed_checkpoints", conf.get(CheckpointingOptions.TOLERABLE_FAILURES));
    json.put("externalization", Map.of("enabled", true, "delete_on_cancellation",
        !conf.get(CheckpointingOptions.RETAIN_ON_CANCELLATION)));
    json.put("num_retained", conf.get(CheckpointingOptions.RETAINED));
    json.put("state_backend", conf.get(CoreOptions.STATE_BACKEND));
    json.put("checkpoint_storage", conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    return json;
  }
}
