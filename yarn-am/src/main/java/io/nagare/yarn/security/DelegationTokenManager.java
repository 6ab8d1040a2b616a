package io.nagare.yarn.security;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.hadoop.security.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a YARN application's delegation tokens fresh: obtains tokens from its {@link TokenSource}
 * (the ApplicationMaster's keytab login), hands them to its {@link Listener} (which adds them to the
 * ApplicationMaster's Hadoop user and pushes them to the task managers), and schedules the next
 * time by its {@link TokenRenewalSchedule}; a failed try is tried again after the backoff.
 *
 * <p>Threading: all of its work runs on the one thread behind its {@link Timer} ({@code
 * nagare-token-manager} in the ApplicationMaster), which owns the schedule; the listener is called
 * there.
 */
public final class DelegationTokenManager {
  private static final Logger LOG = LoggerFactory.getLogger(DelegationTokenManager.class);

  /** Tokens just obtained, and when the earliest of them expires (epoch millis; Long.MAX_VALUE: never). */
  public record Obtained(Credentials credentials, long earliestExpiry) {}

  /** Obtains a fresh set of tokens. */
  @FunctionalInterface
  public interface TokenSource {
    Obtained obtain() throws Exception;
  }

  /** Gets each fresh set of tokens. */
  @FunctionalInterface
  public interface Listener {
    void onTokens(Credentials credentials) throws Exception;
  }

  /** Runs a task once after a delay, on the manager's thread. */
  @FunctionalInterface
  public interface Timer {
    void schedule(Runnable task, long delayMillis);
  }

  private final TokenSource source;
  private final Listener listener;
  private final TokenRenewalSchedule schedule;
  private final Timer timer;
  private final LongSupplier clock;
  private final CompletableFuture<Void> firstRound = new CompletableFuture<>();

  public DelegationTokenManager(TokenSource source, Listener listener, TokenRenewalSchedule schedule, Timer timer,
      LongSupplier clock) {
    this.source = source;
    this.listener = listener;
    this.schedule = schedule;
    this.timer = timer;
    this.clock = clock;
  }

  /** Obtains the first tokens now (on the timer's thread), and so on by the schedule. */
  public void start() {
    timer.schedule(this::obtain, 0);
  }

  /** Completes when the first try ended: normally if it delivered tokens, exceptionally with its failure. */
  public CompletableFuture<Void> firstRound() {
    return firstRound;
  }

  private void obtain() {
    long delay;
    try {
      Obtained obtained = source.obtain();
      listener.onTokens(obtained.credentials());
      firstRound.complete(null);
      if (obtained.earliestExpiry() == Long.MAX_VALUE) {
        LOG.info("Obtained {} delegation token(s), none of which expires: not obtaining new ones",
            obtained.credentials().numberOfTokens());
        return;
      }
      long now = clock.getAsLong();
      delay = schedule.delayAfterSuccess(now, obtained.earliestExpiry());
      LOG.info("Obtained {} delegation token(s); the earliest expires at {}; obtaining new ones at {}",
          obtained.credentials().numberOfTokens(), Instant.ofEpochMilli(obtained.earliestExpiry()),
          Instant.ofEpochMilli(now + delay));
    } catch (Exception e) {
      firstRound.completeExceptionally(e);
      delay = schedule.delayAfterFailure();
      LOG.warn("Cannot obtain delegation tokens; trying again in {} ms", delay, e);
    }
    timer.schedule(this::obtain, delay);
  }
}
