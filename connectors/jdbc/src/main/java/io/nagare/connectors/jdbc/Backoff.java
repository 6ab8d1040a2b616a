package io.nagare.connectors.jdbc;

/**
 * How long a writer or committer waits before retrying after a transient failure: 100 ms before the
 * first retry, doubling up to 5 s. The wait blocks the subtask's thread, as the write it retries
 * does (a checkpoint barrier waits for it either way).
 */
final class Backoff {
  static final long FIRST_MILLIS = 100;
  static final long MAX_MILLIS = 5_000;

  private Backoff() {}

  /** The wait before retry {@code retry} (0 for the first). */
  static long delayMillis(int retry) {
    return retry >= 6 ? MAX_MILLIS : Math.min(MAX_MILLIS, FIRST_MILLIS << retry);
  }

  static void await(int retry) throws InterruptedException {
    Thread.sleep(delayMillis(retry));
  }
}
