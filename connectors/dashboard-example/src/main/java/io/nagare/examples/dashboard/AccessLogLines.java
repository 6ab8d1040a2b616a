package io.nagare.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.functions.MapFunction;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses access-log lines as fluentd ships them, one JSON object per line:
 * {@code {"time":"2026-12-03T19:48:19.123Z","level":"INFO","method":"GET","uri":"/api/items","reqtime":0.042}}.
 * The dashboard needs the uri and the time; a line without them fails the job, naming the line.
 */
final class AccessLogLines implements MapFunction<String, AccessLogLines.Hit> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request: its uri and its time in epoch milliseconds. A POJO. */
  public static class Hit {
    public String uri;
    public long time;

    public Hit() {}

    Hit(String uri, long time) {
      this.uri = uri;
      this.time = time;
    }
  }

  @Override
  public Hit map(String line) throws IOException {
    JsonNode log;
    try {
      log = JSON.readTree(line);
    } catch (IOException e) {
      throw new IOException("Not an access-log line (JSON expected): " + line, e);
    }
    String uri = log.path("uri").asText("");
    String time = log.path("time").asText("");
    if (uri.isEmpty() || time.isEmpty()) {
      throw new IOException("An access-log line without \"uri\" or \"time\": " + line);
    }
    try {
      return new Hit(uri, Instant.parse(time).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new IOException("An access-log line whose \"time\" is not an ISO-8601 instant: " + line, e);
    }
  }
}
