package io.nagare.yarn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.Test;

/** The renewal schedule: a time ratio of the remaining lifetime, the backoff after failures, driven by a fake clock. */
class DelegationTokenManagerTest {
  private long now = 1_000_000;
  /** The tasks the manager scheduled, with their delays, in order. */
  private final Deque<Scheduled> timer = new ArrayDeque<>();
  /** What the source does on each call: an expiry to report, or a failure (null). */
  private final Deque<Long> outcomes = new ArrayDeque<>();
  private final List<String> delivered = new ArrayList<>();
  private int obtained;

  private record Scheduled(Runnable task, long delayMillis) {}

  private DelegationTokenManager manager(double ratio, Duration backoff) {
    return new DelegationTokenManager(() -> {
      Long expiry = outcomes.poll();
      if (expiry == null) {
        throw new IOException("KDC unreachable");
      }
      Credentials credentials = new Credentials();
      credentials.addSecretKey(new Text("round"), String.valueOf(++obtained).getBytes());
      return new DelegationTokenManager.Obtained(credentials, expiry);
    }, credentials -> delivered.add(new String(credentials.getSecretKey(new Text("round")))),
        new TokenRenewalSchedule(ratio, backoff), (task, delay) -> timer.add(new Scheduled(task, delay)), () -> now);
  }

  /** Runs the next scheduled task after advancing the clock by its delay; returns its delay. */
  private long runNext() {
    Scheduled next = timer.poll();
    now += next.delayMillis();
    next.task().run();
    return next.delayMillis();
  }

  @Test
  void obtainsAtOnceThenAtTheRatioOfTheRemainingLifetime() {
    DelegationTokenManager manager = manager(0.75, Duration.ofMinutes(1));
    outcomes.add(now + 40_000);
    outcomes.add(now + 30_000 + 8_000);
    manager.start();

    assertThat(manager.firstRound()).isNotDone();
    assertThat(runNext()).isZero();
    assertThat(manager.firstRound()).isCompleted();
    assertThat(delivered).containsExactly("1");
    assertThat(timer.peek().delayMillis()).isEqualTo(30_000);

    assertThat(runNext()).isEqualTo(30_000);
    assertThat(delivered).containsExactly("1", "2");
    assertThat(timer.peek().delayMillis()).isEqualTo(6_000);
  }

  @Test
  void retriesAfterTheBackoffWhenObtainingFails() {
    DelegationTokenManager manager = manager(0.5, Duration.ofSeconds(7));
    outcomes.add(now + 100_000);
    manager.start();
    runNext();
    assertThat(timer.peek().delayMillis()).isEqualTo(50_000);

    assertThat(runNext()).isEqualTo(50_000);
    assertThat(delivered).containsExactly("1");
    assertThat(timer.peek().delayMillis()).isEqualTo(7_000);
    assertThat(runNext()).isEqualTo(7_000);
    assertThat(timer.peek().delayMillis()).isEqualTo(7_000);

    outcomes.add(now + 7_000 + 20_000);
    assertThat(runNext()).isEqualTo(7_000);
    assertThat(delivered).containsExactly("1", "2");
    assertThat(timer.peek().delayMillis()).isEqualTo(10_000);
  }

  @Test
  void aFailedFirstTryFailsTheFirstRoundAndIsTriedAgain() {
    DelegationTokenManager manager = manager(0.75, Duration.ofSeconds(3));
    manager.start();
    runNext();
    assertThat(manager.firstRound()).isCompletedExceptionally();
    assertThat(delivered).isEmpty();
    assertThat(timer.peek().delayMillis()).isEqualTo(3_000);
  }

  @Test
  void tokensThatNeverExpireAreNotObtainedAgain() {
    DelegationTokenManager manager = manager(0.75, Duration.ofMinutes(1));
    outcomes.add(Long.MAX_VALUE);
    manager.start();
    runNext();
    assertThat(delivered).containsExactly("1");
    assertThat(timer).isEmpty();
  }

  @Test
  void anExpiredTokenIsReplacedAtOnce() {
    assertThat(new TokenRenewalSchedule(0.75, Duration.ofMinutes(1)).delayAfterSuccess(now, now - 5)).isZero();
  }

  @Test
  void refusesARatioOutsideZeroToOne() {
    assertThatThrownBy(() -> new TokenRenewalSchedule(1.0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The renewal time ratio must be above 0 and below 1, not 1.0");
  }
}
