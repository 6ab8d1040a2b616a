package io.nagare.testing;

import io.nagare.api.connector.sink2.Committer.CommitRequest;

/**
 * A commit request for driving a sink's committer by hand, which records how it ended: {@link
 * Outcome#COMMITTED} unless the committer signals otherwise.
 *
 * @param <CommT> the committable
 */
public final class TestingCommitRequest<CommT> implements CommitRequest<CommT> {
  /** How the committer ended the request. */
  public enum Outcome { COMMITTED, ALREADY_COMMITTED, RETRY_LATER, FAILED_KNOWN, FAILED_UNKNOWN }

  private final CommT committable;
  private final int retries;
  private Outcome outcome = Outcome.COMMITTED;
  private Throwable failure;

  /** A request for {@code committable} that has been retried {@code retries} times. */
  public TestingCommitRequest(CommT committable, int retries) {
    this.committable = committable;
    this.retries = retries;
  }

  public TestingCommitRequest(CommT committable) {
    this(committable, 0);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** What the committer failed with, or null. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public CommT getCommittable() {
    return committable;
  }

  @Override
  public int getNumberOfRetries() {
    return retries;
  }

  @Override
  public void signalFailedWithKnownReason(Throwable t) {
    outcome = Outcome.FAILED_KNOWN;
    failure = t;
  }

  @Override
  public void signalFailedWithUnknownReason(Throwable t) {
    outcome = Outcome.FAILED_UNKNOWN;
    failure = t;
  }

  @Override
  public void retryLater() {
    outcome = Outcome.RETRY_LATER;
  }

  @Override
  public void updateAndRetryLater(CommT committable) {
    outcome = Outcome.RETRY_LATER;
  }

  @Override
  public void signalAlreadyCommitted() {
    outcome = Outcome.ALREADY_COMMITTED;
  }
}
