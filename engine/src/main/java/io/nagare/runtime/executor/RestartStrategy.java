package io.nagare.runtime.executor;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.RestartStrategyOptions;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Random;

/**
 * Whether and when a failed job restarts ({@code restart-strategy.*}): none; fixed-delay (up to N
 * restarts); failure-rate (gives up when more than N failures fall within an interval);
 * exponential-delay (the delay grows by a factor up to a maximum, with random jitter, and resets
 * after a run that lasted long enough). Used by the thread that runs the job; times are passed in.
 */
abstract class RestartStrategy {
  /**
   * Called after a failure at {@code now} of a run that started at {@code runStart} (both ms);
   * returns the delay before restarting, or -1 to give up.
   */
  abstract long onFailure(long now, long runStart);

  static RestartStrategy fromConfiguration(Configuration conf, boolean checkpointed) {
    return fromConfiguration(conf, checkpointed, new Random());
  }

  static RestartStrategy fromConfiguration(Configuration conf, boolean checkpointed, Random random) {
    String type = conf.get(RestartStrategyOptions.TYPE).trim().toLowerCase(Locale.ROOT);
    if (type.isEmpty()) {
      type = checkpointed ? "fixed-delay" : "none";
    }
    switch (type) {
      case "none":
      case "disable":
        return new RestartStrategy() {
          @Override
          long onFailure(long now, long runStart) {
            return -1;
          }
        };
      case "fixed-delay":
        return new FixedDelay(conf.get(RestartStrategyOptions.FIXED_DELAY_ATTEMPTS),
            conf.get(RestartStrategyOptions.FIXED_DELAY_DELAY).toMillis());
      case "failure-rate":
        return new FailureRate(conf.get(RestartStrategyOptions.FAILURE_RATE_MAX_FAILURES),
            conf.get(RestartStrategyOptions.FAILURE_RATE_INTERVAL).toMillis(),
            conf.get(RestartStrategyOptions.FAILURE_RATE_DELAY).toMillis());
      case "exponential-delay":
        return new ExponentialDelay(conf.get(RestartStrategyOptions.EXPONENTIAL_INITIAL_BACKOFF).toMillis(),
            conf.get(RestartStrategyOptions.EXPONENTIAL_MAX_BACKOFF).toMillis(),
            conf.get(RestartStrategyOptions.EXPONENTIAL_MULTIPLIER),
            conf.get(RestartStrategyOptions.EXPONENTIAL_JITTER),
            conf.get(RestartStrategyOptions.EXPONENTIAL_RESET_THRESHOLD).toMillis(),
            conf.get(RestartStrategyOptions.EXPONENTIAL_ATTEMPTS), random);
      default:
        throw new IllegalArgumentException("Unknown restart strategy '" + type + "' in '"
            + RestartStrategyOptions.TYPE.key() + "'; known: none, fixed-delay, failure-rate, exponential-delay");
    }
  }

  /** Up to {@code attempts} restarts, each after {@code delay}. */
  static final class FixedDelay extends RestartStrategy {
    private final int attempts;
    private final long delay;
    private int restarts;

    FixedDelay(int attempts, long delay) {
      this.attempts = attempts;
      this.delay = delay;
    }

    @Override
    long onFailure(long now, long runStart) {
      return restarts++ < attempts ? delay : -1;
    }
  }

  /** Restarts after {@code delay} unless more than {@code maxFailures} failures fell within {@code interval}. */
  static final class FailureRate extends RestartStrategy {
    private final int maxFailures;
    private final long interval;
    private final long delay;
    private final ArrayDeque<Long> failures = new ArrayDeque<>();

    FailureRate(int maxFailures, long interval, long delay) {
      this.maxFailures = maxFailures;
      this.interval = interval;
      this.delay = delay;
    }

    @Override
    long onFailure(long now, long runStart) {
      failures.add(now);
      while (!failures.isEmpty() && failures.peek() <= now - interval) {
        failures.poll();
      }
      return failures.size() > maxFailures ? -1 : delay;
    }
  }

  /** Delays growing by {@code multiplier} up to {@code max}, with jitter; reset after a long enough run. */
  static final class ExponentialDelay extends RestartStrategy {
    private final long initial;
    private final long max;
    private final double multiplier;
    private final double jitter;
    private final long resetThreshold;
    private final int attempts;
    private final Random random;
    private long next;
    private int restartsSinceReset;

    ExponentialDelay(long initial, long max, double multiplier, double jitter, long resetThreshold, int attempts,
        Random random) {
      this.initial = initial;
      this.max = max;
      this.multiplier = multiplier;
      this.jitter = jitter;
      this.resetThreshold = resetThreshold;
      this.attempts = attempts;
      this.random = random;
      this.next = initial;
    }

    @Override
    long onFailure(long now, long runStart) {
      if (now - runStart >= resetThreshold) {
        next = initial;
        restartsSinceReset = 0;
      }
      if (restartsSinceReset++ >= attempts) {
        return -1;
      }
      long base = next;
      next = Math.min(max, (long) Math.ceil(next * multiplier));
      long spread = (long) (base * jitter);
      return spread == 0 ? base : base - spread + (long) (random.nextDouble() * (2 * spread + 1));
    }
  }
}
