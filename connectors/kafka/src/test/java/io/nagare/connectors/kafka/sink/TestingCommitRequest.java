package io.nagare.connectors.kafka.sink;

import io.nagare.api.connector.sink2.Committer.CommitRequest;

/** A commit request that records how it ended; {@link Outcome#COMMITTED} unless the committer signals otherwise. */
final class TestingCommitRequest implements CommitRequest<KafkaCommittable> {
  enum Outcome { COMMITTED, ALREADY_COMMITTED, RETRY_LATER, FAILED_KNOWN, FAILED_UNKNOWN }

  private final KafkaCommittable committable;
  private final int retries;
  Outcome outcome = Outcome.COMMITTED;
  Throwable failure;

  TestingCommitRequest(KafkaCommittable committable, int retries) {
    this.committable = committable;
    this.retries = retries;
  }

  TestingCommitRequest(KafkaCommittable committable) {
    this(committable, 0);
  }

  @Override
  public KafkaCommittable getCommittable() {
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
  public void updateAndRetryLater(KafkaCommittable committable) {
    outcome = Outcome.RETRY_LATER;
  }

  @Override
  public void signalAlreadyCommitted() {
    outcome = Outcome.ALREADY_COMMITTED;
  }
}
