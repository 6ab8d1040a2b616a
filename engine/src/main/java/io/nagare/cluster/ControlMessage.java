package io.nagare.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The messages between a task manager and its job manager, sent over one control connection that
 * the task manager opens: JSON objects with a {@code "type"} naming the message (for example
 * {@code {"type":"heartbeat","id":"tm-1"}}), so they stay readable and can gain fields. Binary
 * payloads (jar pieces, the serialized plan, splits, accumulators) travel base64-encoded.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlMessage.RegisterTaskManager.class, name = "register"),
    @JsonSubTypes.Type(value = ControlMessage.Registered.class, name = "registered"),
    @JsonSubTypes.Type(value = ControlMessage.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = ControlMessage.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = ControlMessage.JarChunk.class, name = "jar-chunk"),
    @JsonSubTypes.Type(value = ControlMessage.DeployTasks.class, name = "deploy"),
    @JsonSubTypes.Type(value = ControlMessage.TasksDeployed.class, name = "deployed"),
    @JsonSubTypes.Type(value = ControlMessage.StartTasks.class, name = "start"),
    @JsonSubTypes.Type(value = ControlMessage.CancelTask.class, name = "cancel"),
    @JsonSubTypes.Type(value = ControlMessage.TaskRunning.class, name = "task-running"),
    @JsonSubTypes.Type(value = ControlMessage.TaskEnded.class, name = "task-ended"),
    @JsonSubTypes.Type(value = ControlMessage.ReleaseAttempt.class, name = "release-attempt"),
    @JsonSubTypes.Type(value = ControlMessage.ReleaseJob.class, name = "release-job"),
    @JsonSubTypes.Type(value = ControlMessage.TriggerCheckpoint.class, name = "trigger-checkpoint"),
    @JsonSubTypes.Type(value = ControlMessage.CheckpointComplete.class, name = "checkpoint-complete"),
    @JsonSubTypes.Type(value = ControlMessage.AcknowledgeCheckpoint.class, name = "ack-checkpoint"),
    @JsonSubTypes.Type(value = ControlMessage.DeclineCheckpoint.class, name = "decline-checkpoint"),
    @JsonSubTypes.Type(value = ControlMessage.RegisterReader.class, name = "register-reader"),
    @JsonSubTypes.Type(value = ControlMessage.RequestSplit.class, name = "request-split"),
    @JsonSubTypes.Type(value = ControlMessage.AddSplits.class, name = "add-splits"),
    @JsonSubTypes.Type(value = ControlMessage.NoMoreSplits.class, name = "no-more-splits"),
    @JsonSubTypes.Type(value = ControlMessage.RequestMetrics.class, name = "request-metrics"),
    @JsonSubTypes.Type(value = ControlMessage.MetricsReport.class, name = "metrics"),
    @JsonSubTypes.Type(value = ControlMessage.Tokens.class, name = "tokens")
})
public sealed interface ControlMessage {

  /**
   * A task manager introduces itself: its id, where its data port is, its slots, its process id,
   * where its metric reporters listen and where its log can be read (empty if nowhere).
   */
  record RegisterTaskManager(String id, String host, int dataPort, int slots, long pid,
      java.util.List<String> metricReporters, String logUrl) implements ControlMessage {}

  /** The job manager accepted the task manager; heartbeats are expected every {@code heartbeatIntervalMillis}. */
  record Registered(String jobManagerId, long heartbeatIntervalMillis) implements ControlMessage {}

  /** The job manager did not accept the task manager; it closes the connection. */
  record Refused(String reason) implements ControlMessage {}

  /**
   * Fresh delegation tokens for the task manager's Hadoop user: Hadoop {@code Credentials} in their
   * token storage format (base64 on the wire), which replace the tokens of the same services.
   */
  record Tokens(byte[] credentials) implements ControlMessage {}

  /** The task manager is alive. */
  record Heartbeat(String id) implements ControlMessage {}

  /** A message about one attempt of a job, routed to what tracks that attempt. */
  non-sealed interface AboutAttempt extends ControlMessage {
    AttemptId attempt();
  }

  /** Names one attempt of a job: the job's id and its attempt number. */
  record AttemptId(String job, int attempt) {
    /** The name the attempt's data partitions are registered under. */
    public String partitionScope() {
      return job + "-" + attempt;
    }
  }

  /** One subtask and where it runs: its task manager's id, host and data port. */
  record Placement(int vertex, int index, String taskManager, String host, int dataPort) {}

  /** A piece of a job's jar, in order; the last one completes it (the jar is sent once per task manager). */
  record JarChunk(String job, byte[] data, boolean last) implements ControlMessage {}

  /**
   * Create the subtasks of {@code attempt} that {@code placements} put on this task manager, not
   * started yet: {@code jobGraph} is the serialized plan (loaded with the job's jar), {@code
   * restorePath} the checkpoint to restore (null for none), {@code checkpointsDirectory} the job's
   * checkpoint storage.
   */
  record DeployTasks(AttemptId attempt, byte[] jobGraph, java.util.List<Placement> placements, String restorePath,
      String checkpointsDirectory) implements AboutAttempt {}

  /** The task manager created its subtasks of the attempt ({@code error} null), or could not (why). */
  record TasksDeployed(AttemptId attempt, String taskManager, String error) implements AboutAttempt {}

  /** Start the attempt's subtasks here. */
  record StartTasks(AttemptId attempt) implements AboutAttempt {}

  /** Cancel one subtask. */
  record CancelTask(AttemptId attempt, int vertex, int index) implements AboutAttempt {}

  /** A subtask's thread has started. */
  record TaskRunning(AttemptId attempt, int vertex, int index) implements AboutAttempt {}

  /**
   * A subtask ended: finished ({@code failure} null), cancelled, or failed; failures carry the
   * exception's class, message and stack trace as text, and the accumulators come Java-serialized.
   */
  record TaskEnded(AttemptId attempt, int vertex, int index, boolean cancelled, String failure, String stackTrace,
      byte[] accumulators, java.util.List<MetricSample> finalMetrics) implements AboutAttempt {}

  /** Every subtask of the attempt has ended everywhere: drop its partitions and threads. */
  record ReleaseAttempt(AttemptId attempt) implements AboutAttempt {}

  /** The job has ended: release its class loader and jar. */
  record ReleaseJob(String job) implements ControlMessage {}

  /** Take part in checkpoint {@code checkpointId}; {@code savepointDirectory} is set for savepoints. */
  record TriggerCheckpoint(AttemptId attempt, int vertex, int index, long checkpointId, long timestamp,
      String savepointDirectory) implements AboutAttempt {}

  /** Checkpoint {@code checkpointId} is complete. */
  record CheckpointComplete(AttemptId attempt, int vertex, int index, long checkpointId) implements AboutAttempt {}

  /** A subtask stored its state for a checkpoint. */
  record AcknowledgeCheckpoint(AttemptId attempt, long checkpointId,
      io.nagare.runtime.checkpoint.TaskStateHandle state) implements AboutAttempt {}

  /** A subtask could not take part in a checkpoint. */
  record DeclineCheckpoint(AttemptId attempt, long checkpointId, String reason) implements AboutAttempt {}

  /** A source subtask's reader has started. */
  record RegisterReader(AttemptId attempt, int vertex, int index) implements AboutAttempt {}

  /** A source subtask asks for a split. */
  record RequestSplit(AttemptId attempt, int vertex, int index) implements AboutAttempt {}

  /** Splits for a source subtask, each serialized by the source's split serializer of {@code version}. */
  record AddSplits(AttemptId attempt, int vertex, int index, int version, java.util.List<byte[]> splits)
      implements AboutAttempt {}

  /** The source subtask gets no more splits. */
  record NoMoreSplits(AttemptId attempt, int vertex, int index) implements AboutAttempt {}

  /** The wire form of {@code message}. */
  static byte[] encode(ControlMessage message) {
    try {
      return Json.MAPPER.writeValueAsBytes(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The message {@code body} holds.
   *
   * @throws IllegalArgumentException if it is not a control message of this version
   */
  static ControlMessage decode(byte[] body) {
    ControlMessage message;
    try {
      message = Json.MAPPER.readValue(body, ControlMessage.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a control message: " + e.getMessage(), e);
    }
    if (message == null) {
      throw new IllegalArgumentException("Not a control message: " + (body.length == 0 ? "empty" : "null"));
    }
    return message;
  }

  /**
   * The shared, thread-safe JSON mapper: a message missing one of its fields, or with null for a
   * number or flag, is not a message (Jackson's limits bound nesting, numbers and strings).
   */
  final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {}
  }

  /** The job manager asks for the task manager's current metric values (for REST). */
  record RequestMetrics(long request) implements ControlMessage {}

  /** A task manager's metric values, the answer to {@link RequestMetrics} {@code request}. */
  record MetricsReport(String taskManager, long request, java.util.List<MetricSample> samples)
      implements ControlMessage {}
}
