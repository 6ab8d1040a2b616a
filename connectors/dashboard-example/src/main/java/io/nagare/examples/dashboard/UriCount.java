package io.nagare.examples.dashboard;

import java.time.Instant;

/**
 * How often one uri was requested in one 10 s window. A POJO: public fields and a no-argument
 * constructor.
 */
public class UriCount {
  public String uri;
  /** Window start, epoch milliseconds. */
  public long start;
  /** Window end (exclusive), epoch milliseconds. */
  public long end;
  public long count;

  public UriCount() {}

  public UriCount(String uri, long start, long end, long count) {
    this.uri = uri;
    this.start = start;
    this.end = end;
    this.count = count;
  }

  /** The OpenSearch document id: the uri and the window start, as in {@code /api/items@2026-12-03T19:48:10Z}. */
  public String documentId() {
    return uri + "@" + Instant.ofEpochMilli(start);
  }

  @Override
  public String toString() {
    return uri + " " + Instant.ofEpochMilli(start) + ".." + Instant.ofEpochMilli(end) + " " + count;
  }
}
