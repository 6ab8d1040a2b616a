package io.nagare.connectors.jdbc;

import io.nagare.api.connector.sink2.Committer;
import java.sql.SQLException;
import java.util.Collection;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the prepared XA transactions of an exactly-once {@link JdbcSink} on one subtask: its own
 * writer's when their checkpoint completes, and after a restore those of the checkpoint (perhaps of
 * other subtasks before a rescale). It has an XA connection of its own, opened with the first commit
 * and kept: a database commits a prepared transaction only on a connection that is in no other
 * transaction, and the writer's is in the next one.
 *
 * <p>A transaction the database no longer knows as prepared ({@code XAER_NOTA}, or PostgreSQL's
 * SQLState 42704) was committed before, by this committer before a failure: commits are idempotent.
 * (A transaction an administrator rolled back by hand looks the same.) A transient failure is
 * retried on a new connection after a back-off, up to {@code maxRetries} times, on the subtask's
 * thread, so that a commit on restore or at the end of the input, which cannot be postponed, gets
 * its retries too; any other failure fails the job, naming the transaction.
 *
 * <p>Threads: the subtask's thread owns the committer and its connection.
 */
final class XaCommitter implements Committer<JdbcCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(XaCommitter.class);

  private final String name;
  private final Database database;
  private final ClassLoader classLoader;
  private final int maxRetries;
  private XAConnection connection;
  private XAResource xa;

  XaCommitter(String name, Database database, ClassLoader classLoader, int maxRetries) {
    this.name = name;
    this.database = database;
    this.classLoader = classLoader;
    this.maxRetries = maxRetries;
  }

  @Override
  public void commit(Collection<CommitRequest<JdbcCommittable>> requests) throws InterruptedException {
    for (CommitRequest<JdbcCommittable> request : requests) {
      commit(request);
    }
  }

  private void commit(CommitRequest<JdbcCommittable> request) throws InterruptedException {
    JdbcCommittable c = request.getCommittable();
    for (int retry = 0; ; retry++) {
      Exception failure;
      try {
        if (xa == null) {
          connection = database.connectXa(classLoader);
          xa = connection.getXAResource();
        }
        xa.commit(c.xid(), false);
        return;
      } catch (XAException e) {
        if (isUnknownTransaction(e)) {
          LOG.info("{}: {} is no longer prepared at {}: it was committed before", name, c, database.describe());
          request.signalAlreadyCommitted();
          return;
        }
        failure = e;
      } catch (SQLException e) {
        failure = e;
      } catch (RuntimeException e) {
        request.signalFailedWithUnknownReason(new JdbcSinkException(name + " could not commit " + c + " at "
            + database.describe() + ": " + e.getMessage(), e));
        return;
      }
      disconnect(failure);
      String message = name + " could not commit " + c + " at " + database.describe() + " " + SqlErrors.describe(failure);
      if (!SqlErrors.isTransient(failure) || retry >= maxRetries) {
        request.signalFailedWithKnownReason(new JdbcSinkException(message
            + (retry == 0 ? "" : " (" + (retry + 1) + " attempts)"), failure));
        return;
      }
      LOG.warn("{}; retry {} of {} in {} ms", message, retry + 1, maxRetries, Backoff.delayMillis(retry), failure);
      Backoff.await(retry);
    }
  }

  /** Whether {@code e} says that the database knows no prepared transaction of that id. */
  static boolean isUnknownTransaction(XAException e) {
    return e.errorCode == XAException.XAER_NOTA || SqlErrors.hasState(e, "42704");
  }

  private void disconnect(Exception cause) {
    XAConnection c = connection;
    connection = null;
    xa = null;
    Exception e = Resources.closeAll(c == null ? null : c::close);
    if (e != null) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() throws Exception {
    XAConnection c = connection;
    connection = null;
    xa = null;
    Exception e = Resources.closeAll(c == null ? null : c::close);
    if (e != null) {
      throw e;
    }
  }
}
