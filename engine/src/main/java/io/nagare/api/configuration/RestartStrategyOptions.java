package io.nagare.api.configuration;

import java.time.Duration;

/** How a failed job is restarted (from its latest completed checkpoint). */
public final class RestartStrategyOptions {
  private RestartStrategyOptions() {}

  public static final ConfigOption<String> TYPE = ConfigOption.key("restart-strategy.type")
      .stringType().defaultValue("")
      .withDescription("none, or fixed-delay. Empty: fixed-delay when checkpointing is enabled (restarting"
          + " without end), none otherwise.");

  public static final ConfigOption<Integer> FIXED_DELAY_ATTEMPTS =
      ConfigOption.key("restart-strategy.fixed-delay.attempts").intType().defaultValue(Integer.MAX_VALUE)
          .withDescription("Restarts after which a failing job gives up.");

  public static final ConfigOption<Duration> FIXED_DELAY_DELAY = ConfigOption.key("restart-strategy.fixed-delay.delay")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("Time between a failure and the restart.");
}
