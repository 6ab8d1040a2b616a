package io.nagare.runtime.executor;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.RestartStrategyOptions;

/** Whether and when a failed job restarts ({@code restart-strategy.*}). Immutable. */
abstract class RestartStrategy {
  /** Milliseconds to wait before restart number {@code restartsSoFar + 1}, or -1 to give up. */
  abstract long nextDelayMillis(int restartsSoFar);

  static RestartStrategy fromConfiguration(Configuration conf, boolean checkpointed) {
    String type = conf.get(RestartStrategyOptions.TYPE).trim().toLowerCase(java.util.Locale.ROOT);
    if (type.isEmpty()) {
      type = checkpointed ? "fixed-delay" : "none";
    }
    switch (type) {
      case "none":
      case "disable":
        return new RestartStrategy() {
          @Override
          long nextDelayMillis(int restartsSoFar) {
            return -1;
          }
        };
      case "fixed-delay":
        int attempts = conf.get(RestartStrategyOptions.FIXED_DELAY_ATTEMPTS);
        long delay = conf.get(RestartStrategyOptions.FIXED_DELAY_DELAY).toMillis();
        return new RestartStrategy() {
          @Override
          long nextDelayMillis(int restartsSoFar) {
            return restartsSoFar < attempts ? delay : -1;
          }
        };
      default:
        throw new IllegalArgumentException("Unknown restart strategy '" + type + "' in '"
            + RestartStrategyOptions.TYPE.key() + "'; known: none, fixed-delay");
    }
  }
}
