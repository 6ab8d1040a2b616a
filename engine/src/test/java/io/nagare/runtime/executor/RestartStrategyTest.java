package io.nagare.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestartStrategyTest {

  private static RestartStrategy strategy(boolean checkpointed, String... settings) {
    Configuration conf = new Configuration();
    for (int i = 0; i < settings.length; i += 2) {
      conf.setString(settings[i], settings[i + 1]);
    }
    return RestartStrategy.fromConfiguration(conf, checkpointed, new Random(7));
  }

  @Test
  void withoutSettingsCheckpointedJobsRestartAndOthersDoNot() {
    assertThat(strategy(false).onFailure(10, 0)).isEqualTo(-1);
    RestartStrategy checkpointed = strategy(true);
    for (int i = 0; i < 100; i++) {
      assertThat(checkpointed.onFailure(i, 0)).isEqualTo(1000);
    }
  }

  @Test
  void fixedDelayGivesUpAfterItsAttempts() {
    RestartStrategy s = strategy(false, "restart-strategy.type", "fixed-delay",
        "restart-strategy.fixed-delay.attempts", "2", "restart-strategy.fixed-delay.delay", "250 ms");
    assertThat(List.of(s.onFailure(0, 0), s.onFailure(1, 0), s.onFailure(2, 0))).containsExactly(250L, 250L, -1L);
  }

  @Test
  void failureRateCountsOnlyFailuresWithinTheInterval() {
    RestartStrategy s = strategy(false, "restart-strategy.type", "failure-rate",
        "restart-strategy.failure-rate.max-failures-per-interval", "2",
        "restart-strategy.failure-rate.failure-rate-interval", "10 s", "restart-strategy.failure-rate.delay", "5 ms");
    assertThat(s.onFailure(1_000, 0)).isEqualTo(5);
    assertThat(s.onFailure(2_000, 0)).isEqualTo(5);
    assertThat(s.onFailure(12_500, 0)).isEqualTo(5);
    assertThat(s.onFailure(13_000, 0)).isEqualTo(5);
    assertThat(s.onFailure(14_000, 0)).isEqualTo(-1);
  }

  @Test
  void exponentialDelayGrowsWithJitterUpToTheMaximumAndResetsAfterALongRun() {
    RestartStrategy s = strategy(false, "restart-strategy.type", "exponential-delay",
        "restart-strategy.exponential-delay.initial-backoff", "100 ms",
        "restart-strategy.exponential-delay.max-backoff", "1 s",
        "restart-strategy.exponential-delay.jitter-factor", "0.1",
        "restart-strategy.exponential-delay.reset-backoff-threshold", "1 min");
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      delays.add(s.onFailure(1_000 + i, 1_000));
    }
    long[] bases = {100, 200, 400, 800, 1000, 1000};
    for (int i = 0; i < bases.length; i++) {
      assertThat(delays.get(i)).as("delay %d", i).isBetween(bases[i] - bases[i] / 10, bases[i] + bases[i] / 10);
    }
    assertThat(s.onFailure(200_000, 100_000)).isBetween(90L, 110L);
  }

  @Test
  void unknownStrategiesAreNamed() {
    assertThatThrownBy(() -> strategy(true, "restart-strategy.type", "sometimes"))
        .hasMessage("Unknown restart strategy 'sometimes' in 'restart-strategy.type'; known: none, fixed-delay,"
            + " failure-rate, exponential-delay");
  }
}
