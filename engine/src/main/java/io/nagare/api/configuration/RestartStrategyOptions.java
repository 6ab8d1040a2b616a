package io.nagare.api.configuration;

import java.time.Duration;

/** How a failed job is restarted (from its latest completed checkpoint). */
public final class RestartStrategyOptions {
  private RestartStrategyOptions() {}

  public static final ConfigOption<String> TYPE = ConfigOption.key("restart-strategy.type")
      .stringType().defaultValue("")
      .withDescription("none, fixed-delay, failure-rate or exponential-delay. Empty: fixed-delay when checkpointing"
          + " is enabled (restarting without end), none otherwise.");

  public static final ConfigOption<Integer> FIXED_DELAY_ATTEMPTS =
      ConfigOption.key("restart-strategy.fixed-delay.attempts").intType().defaultValue(Integer.MAX_VALUE)
          .withDescription("Restarts after which a failing job gives up.");

  public static final ConfigOption<Duration> FIXED_DELAY_DELAY = ConfigOption.key("restart-strategy.fixed-delay.delay")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("Time between a failure and the restart.");

  public static final ConfigOption<Integer> FAILURE_RATE_MAX_FAILURES =
      ConfigOption.key("restart-strategy.failure-rate.max-failures-per-interval").intType().defaultValue(1)
          .withDescription("Failures within one interval after which the job gives up.");

  public static final ConfigOption<Duration> FAILURE_RATE_INTERVAL =
      ConfigOption.key("restart-strategy.failure-rate.failure-rate-interval").durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription("The interval over which failures are counted.");

  public static final ConfigOption<Duration> FAILURE_RATE_DELAY = ConfigOption.key("restart-strategy.failure-rate.delay")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("Time between a failure and the restart.");

  public static final ConfigOption<Duration> EXPONENTIAL_INITIAL_BACKOFF =
      ConfigOption.key("restart-strategy.exponential-delay.initial-backoff").durationType()
          .defaultValue(Duration.ofSeconds(1))
          .withDescription("Delay before the first restart.");

  public static final ConfigOption<Duration> EXPONENTIAL_MAX_BACKOFF =
      ConfigOption.key("restart-strategy.exponential-delay.max-backoff").durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription("Longest delay between restarts.");

  public static final ConfigOption<Double> EXPONENTIAL_MULTIPLIER =
      ConfigOption.key("restart-strategy.exponential-delay.backoff-multiplier").doubleType().defaultValue(2.0)
          .withDescription("Factor by which the delay grows after each failure.");

  public static final ConfigOption<Double> EXPONENTIAL_JITTER =
      ConfigOption.key("restart-strategy.exponential-delay.jitter-factor").doubleType().defaultValue(0.1)
          .withDescription("Random part of each delay, as a fraction of it (0.1: ±10 %).");

  public static final ConfigOption<Duration> EXPONENTIAL_RESET_THRESHOLD =
      ConfigOption.key("restart-strategy.exponential-delay.reset-backoff-threshold").durationType()
          .defaultValue(Duration.ofHours(1))
          .withDescription("A run without failure for this long resets the delay to the initial one.");

  public static final ConfigOption<Integer> EXPONENTIAL_ATTEMPTS =
      ConfigOption.key("restart-strategy.exponential-delay.attempts-before-reset-backoff").intType()
          .defaultValue(Integer.MAX_VALUE)
          .withDescription("Restarts after which a failing job gives up (counted since the last reset).");
}
