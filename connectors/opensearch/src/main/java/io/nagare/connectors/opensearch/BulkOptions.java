package io.nagare.connectors.opensearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a writer sends its bulk request and how it retries rejected requests; checked by {@link
 * OpensearchSinkBuilder}.
 *
 * @param maxActions requests per bulk request
 * @param maxBytes bytes of a bulk body at which it is sent
 * @param interval the longest a request waits in a bulk that is not full, or null to wait for a checkpoint
 * @param maxRetries how often a request rejected with 429 is sent again before the job fails
 * @param initialBackoff the wait before the first retry; it doubles with each retry, up to {@link #MAX_BACKOFF}
 */
record BulkOptions(int maxActions, long maxBytes, Duration interval, int maxRetries, Duration initialBackoff)
    implements Serializable {
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** The wait before retry {@code retry} (0 for the first). */
  long backoffMillis(int retry) {
    long initial = initialBackoff.toMillis();
    if (retry >= 30 || initial << retry > MAX_BACKOFF.toMillis()) {
      return Math.max(initial, MAX_BACKOFF.toMillis());
    }
    return initial << retry;
  }
}
