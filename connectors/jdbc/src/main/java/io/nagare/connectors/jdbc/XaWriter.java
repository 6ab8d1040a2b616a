package io.nagare.connectors.jdbc;

import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.operators.ProcessingTimeService;
import io.nagare.api.state.CheckpointListener;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link DeliveryGuarantee#EXACTLY_ONCE}: one XA transaction per subtask and
 * checkpoint, started with the first batch after a barrier, prepared at the next barrier ({@link
 * #prepareCommit}, whose committable names the transaction) and committed by the {@link XaCommitter}
 * when that checkpoint completes. Batches are executed as in {@link AtLeastOnceWriter}, but not
 * committed.
 *
 * <p>When it opens (fresh or restored), the writer of subtask {@code i} of {@code p} rolls back
 * every transaction left prepared under its prefix (and the prefixes of its restored state) by
 * subtasks {@code k} with {@code k % p == i}. By then the runtime has committed the committables of
 * those subtasks restored from the checkpoint (it does so before it creates the writer), so what is
 * still prepared belongs to no completed checkpoint.
 *
 * <p>A prepared transaction keeps its row locks until it is committed, and its commit needs this
 * subtask's thread. So while a transaction of this writer is prepared and its checkpoint not yet
 * known complete ({@link #notifyCheckpointComplete}, after the committer has committed), records
 * wait in the batch, also beyond the batch size, instead of running into those locks; the next
 * barrier executes them regardless.
 *
 * <p>Retries: a transient failure of the first batch of a transaction (or of connecting) is retried
 * on a new connection, in a new transaction; once a transaction holds executed batches, a failure
 * loses them with the transaction, so it fails the job, which restarts from its last checkpoint.
 *
 * <p>Threads: the subtask's thread owns the writer, its batch, its XA connection and transaction;
 * the batch-interval timer fires on that thread too.
 *
 * @param <T> the type of the records
 */
final class XaWriter<T> implements CommittingSinkWriter<T, JdbcCommittable>, StatefulSinkWriter<T, JdbcWriterState>,
    CheckpointListener {
  private static final Logger LOG = LoggerFactory.getLogger(XaWriter.class);
  private static final SecureRandom WRITER_IDS = new SecureRandom();

  private final String name;
  private final SinkSettings<T> settings;
  private final String database;
  private final ClassLoader classLoader;
  private final ProcessingTimeService clock;
  private final BatchStatement<T> batch;
  private final String prefix;
  private final byte[] prefixBytes;
  private final int subtask;
  private final int parallelism;
  private final long writerId = WRITER_IDS.nextLong();
  private final PendingRecords<T> records = new PendingRecords<>();
  /** Transactions this writer prepared whose checkpoints it does not know complete yet, oldest first. */
  private final List<Prepared> awaitingCommit = new ArrayList<>();
  private long transactions;
  private XAConnection xaConnection;
  private XAResource xa;
  private Connection connection;
  private PreparedStatement statement;
  /** The open transaction, or null between a barrier and the next batch. */
  private JdbcXid current;
  private boolean currentHasBatches;
  private ProcessingTimeService.ScheduledTimer timer;

  private XaWriter(String name, SinkSettings<T> settings, String prefix, WriterInitContext context) {
    this.name = name;
    this.settings = settings;
    this.database = settings.database().describe();
    this.classLoader = context.getUserCodeClassLoader();
    this.clock = context.getProcessingTimeService();
    this.batch = new BatchStatement<>(name, database, settings.statementBuilder());
    this.prefix = prefix;
    this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
    this.subtask = context.getSubtaskId();
    this.parallelism = context.getNumberOfParallelSubtasks();
  }

  /**
   * A writer with an open XA connection, after rolling back what earlier runs left prepared under
   * {@code prefix} and {@code restoredPrefixes} for this subtask.
   */
  static <T> XaWriter<T> open(WriterInitContext context, SinkSettings<T> settings, String prefix,
      Collection<String> restoredPrefixes) throws JdbcSinkException, InterruptedException {
    String name = SinkSettings.sinkName(context.getOperatorName(), context.getSubtaskId(),
        context.getNumberOfParallelSubtasks());
    XaWriter<T> writer = new XaWriter<>(name, settings, prefix, context);
    Set<String> prefixes = new LinkedHashSet<>();
    prefixes.add(prefix);
    prefixes.addAll(restoredPrefixes);
    try {
      writer.withRetries(() -> writer.rollBackLeftovers(prefixes));
    } catch (JdbcSinkException | InterruptedException | RuntimeException e) {
      Exception c = Resources.closeAll(writer);
      if (c != null) {
        e.addSuppressed(c);
      }
      throw e;
    }
    return writer;
  }

  private void rollBackLeftovers(Set<String> prefixes) throws WriteFailure {
    Xid[] prepared;
    try {
      prepared = xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
    } catch (XAException e) {
      throw batch.failure("could not list the prepared transactions", e);
    }
    List<Xid> leftovers = new ArrayList<>();
    for (Xid xid : prepared == null ? new Xid[0] : prepared) {
      OptionalInt owner = Xids.subtaskOf(xid, prefixes);
      if (owner.isPresent() && owner.getAsInt() % parallelism == subtask) {
        leftovers.add(JdbcXid.of(xid));
      }
    }
    if (leftovers.isEmpty()) {
      return;
    }
    LOG.info("{} rolls back {} transactions an earlier run left prepared at {}: {}", name, leftovers.size(), database,
        leftovers);
    for (Xid xid : leftovers) {
      try {
        xa.rollback(xid);
      } catch (XAException e) {
        if (!XaCommitter.isUnknownTransaction(e)) {
          throw batch.failure("could not roll back " + xid + ", left prepared by an earlier run,", e);
        }
      }
    }
  }

  @Override
  public void write(T element, Context context) throws JdbcSinkException, InterruptedException {
    records.add(element);
    if (!awaitingCommit.isEmpty()) {
      return;
    }
    if (records.size() >= settings.batchSize()) {
      executeBatch();
    } else {
      scheduleBatchInterval();
    }
  }

  private void scheduleBatchInterval() {
    if (settings.batchInterval() != null && timer == null && !records.isEmpty()) {
      timer = clock.registerTimer(clock.getCurrentProcessingTime() + settings.batchInterval().toMillis(), time -> {
        timer = null;
        if (awaitingCommit.isEmpty()) {
          executeBatch();
        }
      });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws JdbcSinkException, InterruptedException {
    executeBatch();
    records.checkpoint();
  }

  @Override
  public Collection<JdbcCommittable> prepareCommit() throws JdbcSinkException {
    if (current == null) {
      return List.of();
    }
    JdbcXid xid = current;
    current = null;
    currentHasBatches = false;
    int vote;
    try {
      xa.end(xid, XAResource.TMSUCCESS);
      vote = xa.prepare(xid);
    } catch (XAException e) {
      throw new JdbcSinkException(name + " could not prepare " + xid + " at " + database + " for the checkpoint "
          + SqlErrors.describe(e), e);
    }
    if (vote == XAResource.XA_RDONLY) {
      return List.of();
    }
    awaitingCommit.add(new Prepared());
    return List.of(new JdbcCommittable(xid));
  }

  @Override
  public List<JdbcWriterState> snapshotState(long checkpointId) {
    for (Prepared p : awaitingCommit) {
      if (p.checkpointId < 0) {
        p.checkpointId = checkpointId;
      }
    }
    return List.of(new JdbcWriterState(prefix));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws JdbcSinkException, InterruptedException {
    awaitingCommit.removeIf(p -> p.checkpointId >= 0 && p.checkpointId <= checkpointId);
    if (!awaitingCommit.isEmpty() || records.isEmpty()) {
      return;
    }
    if (records.size() >= settings.batchSize()) {
      executeBatch();
    } else {
      scheduleBatchInterval();
    }
  }

  /** Executes the batch in the current transaction (starting one if there is none); afterwards the batch is empty. */
  private void executeBatch() throws JdbcSinkException, InterruptedException {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (records.isEmpty()) {
      return;
    }
    withRetries(() -> {
      if (current == null) {
        JdbcXid xid = Xids.create(prefixBytes, subtask, writerId, ++transactions);
        try {
          xa.start(xid, XAResource.TMNOFLAGS);
        } catch (XAException e) {
          throw batch.failure("could not start " + xid, e);
        }
        current = xid;
      }
      try {
        batch.execute(statement, records);
      } catch (WriteFailure f) {
        throw f.unlocated() ? locate(f) : f;
      }
      currentHasBatches = true;
    });
    records.clear();
  }

  /**
   * Rolls back the transaction of the failed batch (the job fails, and restarts from the last
   * checkpoint) and finds the record the database refused in a transaction rolled back too.
   */
  private WriteFailure locate(WriteFailure failure) {
    JdbcXid failed = current;
    current = null;
    currentHasBatches = false;
    try {
      xa.end(failed, XAResource.TMFAIL);
      xa.rollback(failed);
    } catch (XAException e) {
      failure.addSuppressed(e);
      return failure;
    }
    JdbcXid probe = Xids.create(prefixBytes, subtask, writerId, ++transactions);
    try {
      xa.start(probe, XAResource.TMNOFLAGS);
    } catch (XAException e) {
      failure.addSuppressed(e);
      return failure;
    }
    WriteFailure located = batch.locate(statement, records, failure);
    try {
      xa.end(probe, XAResource.TMFAIL);
      xa.rollback(probe);
    } catch (XAException e) {
      located.addSuppressed(e);
    }
    return located;
  }

  /**
   * Runs {@code step} on a connection (opened first if there is none); a transient failure is
   * retried on a new connection, unless the open transaction already holds executed batches.
   */
  private void withRetries(Step step) throws JdbcSinkException, InterruptedException {
    for (int retry = 0; ; retry++) {
      try {
        if (xa == null) {
          connect();
        }
        step.run();
        return;
      } catch (WriteFailure f) {
        boolean lost = currentHasBatches;
        disconnect(f);
        if (!f.retriable() || lost || retry >= settings.maxRetries()) {
          throw f.toSinkException((lost && f.retriable() ? " (not retried: the failure rolled back the transaction with"
              + " this checkpoint's earlier batches)" : "") + (retry == 0 ? "" : " (" + (retry + 1) + " attempts)"));
        }
        LOG.warn("{}; retry {} of {} in {} ms", f.getMessage(), retry + 1, settings.maxRetries(),
            Backoff.delayMillis(retry), f);
        Backoff.await(retry);
      }
    }
  }

  private void connect() throws WriteFailure {
    try {
      xaConnection = settings.database().connectXa(classLoader);
      xa = xaConnection.getXAResource();
      connection = xaConnection.getConnection();
      statement = connection.prepareStatement(settings.sql());
    } catch (SQLException e) {
      WriteFailure f = new WriteFailure(name + " cannot connect to " + database + " " + SqlErrors.describe(e), e,
          SqlErrors.isTransient(e));
      disconnect(f);
      throw f;
    }
  }

  /** Closes the connection; the database rolls back the open transaction, if any (prepared ones stay). */
  private void disconnect(WriteFailure cause) {
    Exception e = Resources.closeAll(statement, connection, xaConnection == null ? null : xaConnection::close);
    statement = null;
    connection = null;
    xaConnection = null;
    xa = null;
    current = null;
    currentHasBatches = false;
    if (e != null) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() throws Exception {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    Exception e = Resources.closeAll(statement, connection, xaConnection == null ? null : xaConnection::close);
    statement = null;
    connection = null;
    xaConnection = null;
    xa = null;
    current = null;
    if (e != null) {
      throw e;
    }
  }

  /** A transaction this writer prepared: the checkpoint whose barrier prepared it (-1 until known). */
  private static final class Prepared {
    long checkpointId = -1;
  }

  /** One step of writing, on the current connection. */
  @FunctionalInterface
  private interface Step {
    void run() throws WriteFailure;
  }
}
