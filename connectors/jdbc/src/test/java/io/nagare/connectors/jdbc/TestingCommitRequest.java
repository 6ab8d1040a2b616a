package io.nagare.connectors.jdbc;

import io.nagare.api.connector.sink2.Committer;

/** A commit request whose outcome the test reads back: committed, already committed, retry or failed. */
final class TestingCommitRequest implements Committer.CommitRequest<JdbcCommittable> {
  enum Outcome { COMMITTED, ALREADY_COMMITTED, RETRY, FAILED }

  private final JdbcCommittable committable;
  private Outcome outcome = Outcome.COMMITTED;
  private Throwable failure;

  TestingCommitRequest(JdbcCommittable committable) {
    this.committable = committable;
  }

  Outcome outcome() {
    return outcome;
  }

  Throwable failure() {
    return failure;
  }

  @Override
  public JdbcCommittable getCommittable() {
    return committable;
  }

  @Override
  public int getNumberOfRetries() {
    return 0;
  }

  @Override
  public void signalFailedWithKnownReason(Throwable t) {
    outcome = Outcome.FAILED;
    failure = t;
  }

  @Override
  public void signalFailedWithUnknownReason(Throwable t) {
    outcome = Outcome.FAILED;
    failure = t;
  }

  @Override
  public void retryLater() {
    outcome = Outcome.RETRY;
  }

  @Override
  public void updateAndRetryLater(JdbcCommittable committable) {
    outcome = Outcome.RETRY;
  }

  @Override
  public void signalAlreadyCommitted() {
    outcome = Outcome.ALREADY_COMMITTED;
  }
}
