package io.nagare.api.connector.sink2;

import java.io.IOException;
import java.util.Collection;

/**
 * Makes pre-committed output visible: the second phase of a two-phase commit. Called on the
 * subtask's thread when a checkpoint is complete, after a restore, and at the end of the input.
 * A commit must be idempotent: after a restore it may be asked to commit what it already has.
 *
 * <p>Each request ends in one of: committed (return without signalling), {@link
 * CommitRequest#signalAlreadyCommitted()}, a retry ({@link CommitRequest#retryLater()}), or a
 * failure, which fails the job naming the committable and the reason.
 *
 * @param <CommT> what is committed
 */
public interface Committer<CommT> extends AutoCloseable {
  /** Commits every request (in checkpoint order). */
  void commit(Collection<CommitRequest<CommT>> requests) throws IOException, InterruptedException;

  /** One committable to commit, and how its commit went. */
  interface CommitRequest<CommT> {
    CommT getCommittable();

    /** How often this committable was retried so far. */
    int getNumberOfRetries();

    /** The commit failed for a known reason (say the transaction timed out): the job fails with it. */
    void signalFailedWithKnownReason(Throwable t);

    /** The commit failed unexpectedly: the job fails with it. */
    void signalFailedWithUnknownReason(Throwable t);

    /** The commit could not be done now; it is tried again after a short delay. */
    void retryLater();

    /** As {@link #retryLater()}, with a changed committable. */
    void updateAndRetryLater(CommT committable);

    /** The committable was found committed already (after a restore). */
    void signalAlreadyCommitted();
  }
}
