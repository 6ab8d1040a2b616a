package io.nagare.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The messages between a task manager and its job manager, sent over one control connection that
 * the task manager opens: JSON objects with a {@code "type"} naming the message (for example
 * {@code {"type":"heartbeat","id":"tm-1"}}), so they stay readable and can gain fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlMessage.RegisterTaskManager.class, name = "register"),
    @JsonSubTypes.Type(value = ControlMessage.Registered.class, name = "registered"),
    @JsonSubTypes.Type(value = ControlMessage.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = ControlMessage.Heartbeat.class, name = "heartbeat")
})
public sealed interface ControlMessage {

  /** A task manager introduces itself: its id, where its data port is, its slots and its process id. */
  record RegisterTaskManager(String id, String host, int dataPort, int slots, long pid) implements ControlMessage {}

  /** The job manager accepted the task manager; heartbeats are expected every {@code heartbeatIntervalMillis}. */
  record Registered(String jobManagerId, long heartbeatIntervalMillis) implements ControlMessage {}

  /** The job manager did not accept the task manager; it closes the connection. */
  record Refused(String reason) implements ControlMessage {}

  /** The task manager is alive. */
  record Heartbeat(String id) implements ControlMessage {}

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
    try {
      return Json.MAPPER.readValue(body, ControlMessage.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a control message: " + e.getMessage(), e);
    }
  }

  /** The shared, thread-safe JSON mapper. */
  final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
  }
}
