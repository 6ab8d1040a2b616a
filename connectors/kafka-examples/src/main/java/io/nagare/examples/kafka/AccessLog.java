package io.nagare.examples.kafka;

import java.time.Instant;

/**
 * One access-log line as fluentd ships it into Kafka, as JSON:
 * {@code {"time":"2026-12-03T19:48:19.123Z","level":"INFO","method":"GET","uri":"/api/items","reqtime":0.042}}
 * ({@code reqtime} in seconds). A POJO: public fields and a no-argument constructor.
 */
public class AccessLog {
  public String time;
  public String level;
  public String method;
  public String uri;
  public double reqtime;

  public AccessLog() {}

  public AccessLog(String time, String level, String method, String uri, double reqtime) {
    this.time = time;
    this.level = level;
    this.method = method;
    this.uri = uri;
    this.reqtime = reqtime;
  }

  /** The event time: {@link #time} in epoch milliseconds. */
  public long epochMillis() {
    return Instant.parse(time).toEpochMilli();
  }

  @Override
  public String toString() {
    return time + " " + level + " " + method + " " + uri + " " + reqtime;
  }
}
