package io.nagare.connectors.jdbc;

import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link JdbcSink}. Required: the {@link #setUrl URL}, the {@link #setSql statement} and a
 * {@link #setStatementBuilder statement builder}. Every option is checked where it is set or in
 * {@link #build()}, which fail with an {@link IllegalArgumentException} naming the option.
 *
 * <pre>{@code
 * JdbcSink<Event> sink = JdbcSink.<Event>builder()
 *     .setUrl("jdbc:postgresql://db:5432/events")
 *     .setUsername("app").setPassword(System.getenv("DB_PASSWORD"))
 *     .setSql("INSERT INTO events (id, payload) VALUES (?, ?)")
 *     .setStatementBuilder((statement, e) -> {
 *       statement.setString(1, e.id());
 *       statement.setString(2, e.payload());
 *     })
 *     .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 *     .setBatchSize(1000)
 *     .build();
 * }</pre>
 *
 * @param <T> the type of the records
 */
public final class JdbcSinkBuilder<T> {
  private String url;
  private String username;
  private String password;
  private String sql;
  private JdbcStatementBuilder<T> statementBuilder;
  private int batchSize = JdbcSink.DEFAULT_BATCH_SIZE;
  private Duration batchInterval;
  private int maxRetries = JdbcSink.DEFAULT_MAX_RETRIES;
  private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.AT_LEAST_ONCE;
  private String transactionIdPrefix;
  private String xaDataSourceClassName;

  JdbcSinkBuilder() {}

  /** The database's JDBC URL, {@code jdbc:<driver>:...}; the job jar must hold a driver that accepts it. */
  public JdbcSinkBuilder<T> setUrl(String url) {
    if (url == null || !url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("setUrl: " + (url == null ? "null" : "'" + JdbcUrls.redact(url) + "'")
          + " is no JDBC URL; give one like jdbc:postgresql://host:5432/database");
    }
    this.url = url;
    return this;
  }

  /** The user to log in as; without one, the driver's default (or one in the URL) applies. */
  public JdbcSinkBuilder<T> setUsername(String username) {
    this.username = Objects.requireNonNull(username, "setUsername: username");
    return this;
  }

  /** The password to log in with. It travels with the job, like the rest of the sink, and never shows in messages. */
  public JdbcSinkBuilder<T> setPassword(String password) {
    this.password = Objects.requireNonNull(password, "setPassword: password");
    return this;
  }

  /**
   * The statement each record is written with, with {@code ?} parameters that the {@link
   * #setStatementBuilder statement builder} sets: an upsert ({@code INSERT ... ON CONFLICT (k) DO
   * UPDATE SET ...} in PostgreSQL) writes a replayed record over itself; a plain insert adds it again
   * unless the guarantee is EXACTLY_ONCE.
   */
  public JdbcSinkBuilder<T> setSql(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("setSql: the statement is empty; give one like INSERT INTO t (k, v) VALUES (?, ?)");
    }
    this.sql = sql;
    return this;
  }

  /** Sets the statement's parameters from a record. */
  public JdbcSinkBuilder<T> setStatementBuilder(JdbcStatementBuilder<T> statementBuilder) {
    this.statementBuilder = Objects.requireNonNull(statementBuilder, "setStatementBuilder: statementBuilder");
    return this;
  }

  /** Records per batch, at least 1; default {@value JdbcSink#DEFAULT_BATCH_SIZE}. */
  public JdbcSinkBuilder<T> setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("setBatchSize: the batch size must be at least 1, not " + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * The longest a record waits in a batch that is not full; unset, a batch waits until it is full or
   * the next checkpoint barrier. Measured on the subtask's processing-time clock, whose timers run on
   * the subtask's thread.
   */
  public JdbcSinkBuilder<T> setBatchInterval(Duration interval) {
    Objects.requireNonNull(interval, "setBatchInterval: interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("setBatchInterval: the interval must be at least 1 ms, not " + interval);
    }
    this.batchInterval = interval;
    return this;
  }

  /**
   * How often a transient failure (a lost connection, SQLState class 08; a serialization failure,
   * 40001; a deadlock, 40P01; the server shutting down or starting, 57P01 to 57P03) is retried on a
   * new connection before it fails the job, waiting 100 ms before the first retry and twice as long
   * before each next, up to 5 s; default {@value JdbcSink#DEFAULT_MAX_RETRIES}, 0 for none.
   * Constraint violations and bad SQL are never retried.
   */
  public JdbcSinkBuilder<T> setMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("setMaxRetries: the number of retries must be 0 or more, not " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return this;
  }

  /** AT_LEAST_ONCE (the default) or EXACTLY_ONCE; see {@link DeliveryGuarantee}. */
  public JdbcSinkBuilder<T> setDeliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
    this.deliveryGuarantee = Objects.requireNonNull(deliveryGuarantee, "setDeliveryGuarantee: deliveryGuarantee");
    return this;
  }

  /**
   * For EXACTLY_ONCE: the prefix that marks the XA transactions of this sink, 1 to 64 bytes in
   * UTF-8. A restarted writer rolls back the prepared transactions under it that no checkpoint
   * covers, so no other job or sink writing to the same database may use it. Default: the job's
   * name and the sink's, {@code <job>/<sink>}; set one if two running jobs could share both.
   */
  public JdbcSinkBuilder<T> setTransactionIdPrefix(String prefix) {
    Objects.requireNonNull(prefix, "setTransactionIdPrefix: prefix");
    if (!Xids.fits(prefix)) {
      throw new IllegalArgumentException("setTransactionIdPrefix: the prefix must be 1 to " + Xids.MAX_PREFIX_BYTES
          + " bytes in UTF-8, not '" + prefix + "'");
    }
    this.transactionIdPrefix = prefix;
    return this;
  }

  /**
   * For EXACTLY_ONCE with a driver other than PostgreSQL's: the driver's {@link javax.sql.XADataSource}
   * class, which must have a public constructor without arguments and {@code setURL(String)} or
   * {@code setUrl(String)}.
   */
  public JdbcSinkBuilder<T> setXaDataSourceClassName(String className) {
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException("setXaDataSourceClassName: no class name");
    }
    this.xaDataSourceClassName = className;
    return this;
  }

  /**
   * The sink; fails naming what is missing or does not fit together. For EXACTLY_ONCE it also
   * refuses a driver without an XA data source, if the driver is on the class path here (the
   * writers check again when they open).
   */
  public JdbcSink<T> build() {
    if (url == null) {
      throw new IllegalArgumentException("No URL: call setUrl(\"jdbc:postgresql://host:5432/database\")");
    }
    if (sql == null) {
      throw new IllegalArgumentException("No SQL statement: call setSql(\"INSERT INTO t (k, v) VALUES (?, ?) ...\")");
    }
    if (statementBuilder == null) {
      throw new IllegalArgumentException("No statement builder: call setStatementBuilder((statement, record) -> ...)"
          + " to set the statement's parameters from a record");
    }
    Database database = new Database(url, username, password, xaDataSourceClassName);
    if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      checkXaIfDriverVisible(database);
    }
    return new JdbcSink<>(new SinkSettings<>(database, sql, statementBuilder, batchSize, batchInterval, maxRetries,
        deliveryGuarantee, transactionIdPrefix));
  }

  private static void checkXaIfDriverVisible(Database database) {
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    if (classLoader == null) {
      classLoader = JdbcSinkBuilder.class.getClassLoader();
    }
    Driver driver;
    try {
      driver = database.driver(classLoader);
    } catch (SQLException e) {
      return;
    }
    try {
      database.checkXa(classLoader, driver);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setDeliveryGuarantee(EXACTLY_ONCE): " + e.getMessage(), e);
    }
  }
}
