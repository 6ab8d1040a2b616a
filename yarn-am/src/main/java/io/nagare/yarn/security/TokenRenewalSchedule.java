package io.nagare.yarn.security;

import java.time.Duration;

/**
 * When the ApplicationMaster re-obtains delegation tokens: after {@code ratio} of the earliest
 * token's remaining lifetime has passed (0.75 of 24 hours left: in 18 hours), and {@code backoff}
 * after a failed try. Immutable.
 */
public final class TokenRenewalSchedule {
  private final double ratio;
  private final long backoffMillis;

  /**
   * @param ratio above 0 and below 1
   * @param backoff how long to wait after a failed try
   */
  public TokenRenewalSchedule(double ratio, Duration backoff) {
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("The renewal time ratio must be above 0 and below 1, not " + ratio);
    }
    this.ratio = ratio;
    this.backoffMillis = backoff.toMillis();
  }

  /** Milliseconds from {@code now} until the next try, given the earliest expiry of the tokens just obtained. */
  public long delayAfterSuccess(long now, long earliestExpiry) {
    return Math.max(0, (long) ((earliestExpiry - now) * ratio));
  }

  /** Milliseconds until the next try after a failed one. */
  public long delayAfterFailure() {
    return backoffMillis;
  }
}
