package io.nagare.connectors.jdbc;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.connector.SubmissionCheck;
import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.CommitterInitContext;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.SupportsCommitter;
import io.nagare.api.connector.sink2.SupportsWriterState;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Writes a stream to a database through JDBC: each record sets the parameters of one SQL statement
 * (an upsert, an insert), and each subtask executes its records in batches. Built like Flink's JDBC
 * sink:
 *
 * <pre>{@code
 * stream.sinkTo(JdbcSink.<Order>builder()
 *     .setUrl("jdbc:postgresql://db:5432/shop")
 *     .setUsername("app").setPassword(secret)
 *     .setSql("INSERT INTO orders (id, status) VALUES (?, ?)"
 *         + " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status")
 *     .setStatementBuilder((statement, order) -> {
 *       statement.setLong(1, order.id());
 *       statement.setString(2, order.status());
 *     })
 *     .build()).name("orders to Postgres");
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>{@link DeliveryGuarantee#AT_LEAST_ONCE} (the default): a batch is executed and committed when
 *       it holds {@link JdbcSinkBuilder#setBatchSize the batch size} records, when {@link
 *       JdbcSinkBuilder#setBatchInterval the batch interval} (if set) has passed since its first
 *       record, and at every checkpoint barrier and the end of the input. A checkpoint thus completes
 *       only once the database has committed every record before it; a job restarted from it writes
 *       the later records again. Upserts overwrite what they wrote before: effectively once. Plain
 *       inserts may add rows twice.
 *   <li>{@link DeliveryGuarantee#EXACTLY_ONCE}: each subtask writes a checkpoint's records in one XA
 *       transaction, prepared at the barrier and committed when the checkpoint completes; after a
 *       restore the checkpoint's transactions are committed and every other transaction this sink
 *       left prepared is rolled back. Needs checkpointing, a driver with an {@code XADataSource}
 *       (PostgreSQL's is known; others are named with {@link
 *       JdbcSinkBuilder#setXaDataSourceClassName}) and a database that keeps prepared transactions
 *       (PostgreSQL: {@code max_prepared_transactions} at least the sink's parallelism, better twice).
 *       Rows become visible when the checkpoint completes.
 * </ul>
 *
 * <h2>Failures</h2>
 *
 * Each fails the job with a {@link JdbcSinkException} naming the sink, its subtask, the URL (passwords
 * removed) and the SQLState: a database that cannot be reached; a record the database refuses (a
 * constraint violation, bad SQL), also naming the record's position since the last checkpoint; the
 * statement builder failing; a transaction that cannot be prepared or committed. Transient failures
 * (lost connections, serialization failures, deadlocks) are first retried {@link
 * JdbcSinkBuilder#setMaxRetries a few times} on a new connection. With a restart strategy the job
 * then resumes from its last checkpoint, so a record the database always refuses fails it again.
 *
 * <p>Lifecycle and threads: the sink is serialised with the job; each subtask creates its committer
 * and then its writer on the subtask's thread, which owns them and their connections.
 *
 * @param <T> the type of the records
 */
public final class JdbcSink<T> implements Sink<T>, SupportsCommitter<JdbcCommittable>,
    SupportsWriterState<T, JdbcWriterState>, SubmissionCheck {
  private static final long serialVersionUID = 1L;

  /** Records per batch unless set. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /** Retries of a transient failure unless set. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  private final SinkSettings<T> settings;

  JdbcSink(SinkSettings<T> settings) {
    this.settings = settings;
  }

  /** A builder of a sink for records of type {@code T}. */
  public static <T> JdbcSinkBuilder<T> builder() {
    return new JdbcSinkBuilder<>();
  }

  /** The URL as messages show it, without passwords. */
  public String getUrl() {
    return settings.database().describe();
  }

  /** The statement each record is written with. */
  public String getSql() {
    return settings.sql();
  }

  /** AT_LEAST_ONCE or EXACTLY_ONCE. */
  public DeliveryGuarantee getDeliveryGuarantee() {
    return settings.deliveryGuarantee();
  }

  /** Records per batch. */
  public int getBatchSize() {
    return settings.batchSize();
  }

  /** The longest a record waits in an unfull batch, if set. */
  public Optional<Duration> getBatchInterval() {
    return Optional.ofNullable(settings.batchInterval());
  }

  /** Retries of a transient failure before it fails the job. */
  public int getMaxRetries() {
    return settings.maxRetries();
  }

  /** The prefix of XA transaction ids set on the builder; empty for the default, the job's and the sink's name. */
  public Optional<String> getTransactionIdPrefix() {
    return Optional.ofNullable(settings.transactionIdPrefix());
  }

  @Override
  public StatefulSinkWriter<T, JdbcWriterState> createWriter(WriterInitContext context) throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<T, JdbcWriterState> restoreWriter(WriterInitContext context,
      Collection<JdbcWriterState> recoveredState) throws IOException {
    try {
      if (settings.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
        checkXa(context);
        String prefix = settings.transactionIdPrefix() != null ? settings.transactionIdPrefix()
            : Xids.defaultPrefix(context.getJobName(), context.getOperatorName());
        return XaWriter.open(context, settings, prefix,
            recoveredState.stream().map(JdbcWriterState::transactionIdPrefix).toList());
      }
      return AtLeastOnceWriter.open(context, settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while opening "
          + SinkSettings.sinkName(context.getOperatorName(), context.getSubtaskId(), context.getNumberOfParallelSubtasks()));
    }
  }

  /** Refuses EXACTLY_ONCE, naming the driver, if the driver for the URL has no XA data source. */
  private void checkXa(WriterInitContext context) throws JdbcSinkException {
    String name = SinkSettings.sinkName(context.getOperatorName(), context.getSubtaskId(),
        context.getNumberOfParallelSubtasks());
    ClassLoader classLoader = context.getUserCodeClassLoader();
    Driver driver;
    try {
      driver = settings.database().driver(classLoader);
    } catch (SQLException e) {
      throw new JdbcSinkException(name + " cannot connect to " + settings.database().describe() + " "
          + SqlErrors.describe(e), e);
    }
    try {
      settings.database().checkXa(classLoader, driver);
    } catch (IllegalArgumentException e) {
      throw new JdbcSinkException(name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Committer<JdbcCommittable> createCommitter(CommitterInitContext context) {
    String name = context instanceof WriterInitContext w
        ? SinkSettings.sinkName(w.getOperatorName(), context.getSubtaskId(), context.getNumberOfParallelSubtasks())
        : "JDBC sink (subtask " + (context.getSubtaskId() + 1) + "/" + context.getNumberOfParallelSubtasks() + ")";
    return new XaCommitter(name, settings.database(), Thread.currentThread().getContextClassLoader(),
        settings.maxRetries());
  }

  @Override
  public SimpleVersionedSerializer<JdbcCommittable> getCommittableSerializer() {
    return new JdbcCommittableSerializer();
  }

  @Override
  public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
    return new JdbcWriterStateSerializer();
  }

  /**
   * Refuses EXACTLY_ONCE without checkpointing (its rows become visible only when a checkpoint
   * completes) and two sinks of one job with the same transaction id prefix.
   */
  @Override
  public void checkSubmission(Context context) {
    if (settings.deliveryGuarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
      return;
    }
    String name = "JDBC sink '" + context.operatorName() + "'";
    Duration interval = context.jobConfiguration().get(CheckpointingOptions.INTERVAL);
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException(name + ": EXACTLY_ONCE needs checkpointing (rows are committed when a"
          + " checkpoint completes), but " + CheckpointingOptions.INTERVAL.key() + " is not set: set it (for example"
          + " 10 s), or use DeliveryGuarantee.AT_LEAST_ONCE");
    }
    if (settings.transactionIdPrefix() != null) {
      context.claimExclusive("JDBC transaction id prefix", settings.transactionIdPrefix());
    }
  }
}
