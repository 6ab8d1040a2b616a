package io.nagare.connectors.jdbc;

import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.operators.ProcessingTimeService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link DeliveryGuarantee#AT_LEAST_ONCE}: keeps records in a batch and, when it is
 * full, when the batch interval (if set) has passed since its first record, and at every checkpoint
 * barrier and the end of the input, executes it as one JDBC batch and commits it (auto-commit off,
 * one transaction per batch). A checkpoint therefore completes only once every record before its
 * barrier is committed.
 *
 * <p>A transient failure (see {@link SqlErrors}) rolls the batch back with the connection, and the
 * batch is executed again on a new connection after a back-off ({@link Backoff}), up to {@code
 * maxRetries} times; any other failure fails the job. A connection that broke while the database
 * committed leaves the batch's rows committed, and the retry writes them again: at least once.
 *
 * <p>Threads: the subtask's thread owns the writer, its batch and its connection. The batch-interval
 * timer is a processing-time timer of the subtask and fires on that thread too. There are no
 * committables and no writer state.
 *
 * @param <T> the type of the records
 */
final class AtLeastOnceWriter<T> implements CommittingSinkWriter<T, JdbcCommittable>, StatefulSinkWriter<T, JdbcWriterState> {
  private static final Logger LOG = LoggerFactory.getLogger(AtLeastOnceWriter.class);

  private final String name;
  private final SinkSettings<T> settings;
  private final ClassLoader classLoader;
  private final ProcessingTimeService clock;
  private final BatchStatement<T> batch;
  private final PendingRecords<T> records = new PendingRecords<>();
  private Connection connection;
  private PreparedStatement statement;
  private ProcessingTimeService.ScheduledTimer timer;

  private AtLeastOnceWriter(String name, SinkSettings<T> settings, ClassLoader classLoader, ProcessingTimeService clock) {
    this.name = name;
    this.settings = settings;
    this.classLoader = classLoader;
    this.clock = clock;
    this.batch = new BatchStatement<>(name, settings.database().describe(), settings.statementBuilder());
  }

  /** A writer with an open connection; fails naming the sink and the URL if the database cannot be reached. */
  static <T> AtLeastOnceWriter<T> open(WriterInitContext context, SinkSettings<T> settings)
      throws JdbcSinkException, InterruptedException {
    String name = SinkSettings.sinkName(context.getOperatorName(), context.getSubtaskId(),
        context.getNumberOfParallelSubtasks());
    AtLeastOnceWriter<T> writer = new AtLeastOnceWriter<>(name, settings, context.getUserCodeClassLoader(),
        context.getProcessingTimeService());
    writer.withRetries(() -> {});
    return writer;
  }

  @Override
  public void write(T element, Context context) throws JdbcSinkException, InterruptedException {
    records.add(element);
    if (records.size() >= settings.batchSize()) {
      writeBatch();
    } else if (settings.batchInterval() != null && timer == null) {
      timer = clock.registerTimer(clock.getCurrentProcessingTime() + settings.batchInterval().toMillis(), time -> {
        timer = null;
        writeBatch();
      });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws JdbcSinkException, InterruptedException {
    writeBatch();
    records.checkpoint();
  }

  @Override
  public Collection<JdbcCommittable> prepareCommit() {
    return List.of();
  }

  @Override
  public List<JdbcWriterState> snapshotState(long checkpointId) {
    return List.of();
  }

  /** Executes and commits the batch, retrying transient failures; afterwards the batch is empty. */
  private void writeBatch() throws JdbcSinkException, InterruptedException {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (records.isEmpty()) {
      return;
    }
    withRetries(() -> {
      try {
        batch.execute(statement, records);
      } catch (WriteFailure f) {
        throw f.unlocated() ? locate(f) : f;
      }
      try {
        connection.commit();
      } catch (SQLException e) {
        throw batch.failure("could not commit " + records.span(), e);
      }
    });
    records.clear();
  }

  /** Rolls the failed batch back and finds the record the database refused in a transaction rolled back too. */
  private WriteFailure locate(WriteFailure failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return failure;
    }
    WriteFailure located = batch.locate(statement, records, failure);
    try {
      connection.rollback();
    } catch (SQLException e) {
      located.addSuppressed(e);
    }
    return located;
  }

  /** Runs {@code step} on a connection (opened first if there is none), retrying transient failures on a new one. */
  private void withRetries(Step step) throws JdbcSinkException, InterruptedException {
    for (int retry = 0; ; retry++) {
      try {
        if (connection == null) {
          connect();
        }
        step.run();
        return;
      } catch (WriteFailure f) {
        disconnect(f);
        if (!f.retriable() || retry >= settings.maxRetries()) {
          throw f.toSinkException(retry == 0 ? "" : " (" + (retry + 1) + " attempts)");
        }
        LOG.warn("{}; retry {} of {} in {} ms", f.getMessage(), retry + 1, settings.maxRetries(),
            Backoff.delayMillis(retry), f);
        Backoff.await(retry);
      }
    }
  }

  private void connect() throws WriteFailure {
    try {
      connection = settings.database().connect(classLoader);
      connection.setAutoCommit(false);
      statement = connection.prepareStatement(settings.sql());
    } catch (SQLException e) {
      WriteFailure f = new WriteFailure(name + " cannot connect to " + settings.database().describe() + " "
          + SqlErrors.describe(e), e, SqlErrors.isTransient(e));
      disconnect(f);
      throw f;
    }
  }

  /** Closes the connection (rolling back what it did not commit); a failure to close goes with {@code cause}. */
  private void disconnect(WriteFailure cause) {
    Exception e = Resources.closeAll(statement, connection);
    statement = null;
    connection = null;
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
    Exception e = Resources.closeAll(statement, connection);
    statement = null;
    connection = null;
    if (e != null) {
      throw e;
    }
  }

  /** One step of writing, on the current connection. */
  @FunctionalInterface
  private interface Step {
    void run() throws WriteFailure;
  }
}
