package io.nagare.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.testing.TestingWriterInitContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder's defaults and messages, and EXACTLY_ONCE refused for a driver without XA; no database needed. */
class JdbcSinkBuilderTest {
  private static final JdbcStatementBuilder<Long> SET_N = (statement, n) -> statement.setLong(1, n);

  private static JdbcSinkBuilder<Long> complete() {
    return JdbcSink.<Long>builder().setUrl("jdbc:postgresql://db:5432/shop").setSql("INSERT INTO t (n) VALUES (?)")
        .setStatementBuilder(SET_N);
  }

  @Test
  void theDefaultsAreAtLeastOnceInBatchesOf500WithThreeRetries() {
    JdbcSink<Long> sink = complete().build();

    assertThat(sink.getDeliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    assertThat(sink.getBatchSize()).isEqualTo(500);
    assertThat(sink.getBatchInterval()).isEmpty();
    assertThat(sink.getMaxRetries()).isEqualTo(3);
    assertThat(sink.getTransactionIdPrefix()).isEmpty();
    assertThat(sink.getSql()).isEqualTo("INSERT INTO t (n) VALUES (?)");
  }

  @Test
  void buildNamesWhatIsMissing() {
    assertThatThrownBy(() -> JdbcSink.<Long>builder().setSql("INSERT").setStatementBuilder(SET_N).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No URL: call setUrl(\"jdbc:postgresql://host:5432/database\")");
    assertThatThrownBy(() -> JdbcSink.<Long>builder().setUrl("jdbc:postgresql://db/x").setStatementBuilder(SET_N).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No SQL statement: call setSql(\"INSERT INTO t (k, v) VALUES (?, ?) ...\")");
    assertThatThrownBy(() -> JdbcSink.<Long>builder().setUrl("jdbc:postgresql://db/x").setSql("INSERT").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No statement builder: call setStatementBuilder((statement, record) -> ...) to set the statement's"
            + " parameters from a record");
  }

  @Test
  void badOptionsAreRefusedWhereTheyAreSetNamingTheOption() {
    assertThatThrownBy(() -> complete().setBatchSize(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setBatchSize: the batch size must be at least 1, not 0");
    assertThatThrownBy(() -> complete().setMaxRetries(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setMaxRetries: the number of retries must be 0 or more, not -1");
    assertThatThrownBy(() -> complete().setBatchInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setBatchInterval: the interval must be at least 1 ms, not PT0S");
    assertThatThrownBy(() -> complete().setSql(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setSql: the statement is empty; give one like INSERT INTO t (k, v) VALUES (?, ?)");
    assertThatThrownBy(() -> complete().setTransactionIdPrefix("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("setTransactionIdPrefix: the prefix must be 1 to 64 bytes in UTF-8, not 'xxx");
    assertThatThrownBy(() -> complete().setXaDataSourceClassName("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setXaDataSourceClassName: no class name");
  }

  @Test
  void aUrlThatIsNoJdbcUrlIsRefusedWithoutShowingItsPassword() {
    assertThatThrownBy(() -> complete().setUrl("postgresql://app:s3cret@db:5432/shop?password=s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setUrl: 'postgresql://app:***@db:5432/shop?password=***' is no JDBC URL; give one like"
            + " jdbc:postgresql://host:5432/database");
  }

  @Test
  void exactlyOnceIsRefusedAtBuildForADriverWithoutXa() {
    Throwable failure = catchThrowable(() -> complete().setUrl(FakeDriver.URL_PREFIX + "db")
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).build());

    assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessage("setDeliveryGuarantee(EXACTLY_ONCE):"
        + " EXACTLY_ONCE needs XA transactions, and the JDBC driver io.nagare.connectors.jdbc.FakeDriver (for"
        + " jdbc:nagare-fake:db) has no XADataSource this sink knows: name its javax.sql.XADataSource class with"
        + " setXaDataSourceClassName(..), or use AT_LEAST_ONCE (with upserts, effectively once)");
  }

  @Test
  void exactlyOnceIsRefusedForADataSourceClassThatIsNoXaDataSource() {
    assertThatThrownBy(() -> complete().setUrl(FakeDriver.URL_PREFIX + "db").setXaDataSourceClassName("java.lang.String")
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setDeliveryGuarantee(EXACTLY_ONCE): EXACTLY_ONCE needs XA transactions, and java.lang.String is"
            + " no javax.sql.XADataSource");
  }

  @Test
  void exactlyOnceIsRefusedWhenAWriterOpensForADriverWithoutXa() {
    JdbcSink<Long> sink = new JdbcSink<>(new SinkSettings<>(new Database(FakeDriver.URL_PREFIX + "db", null, null, null),
        "INSERT INTO t (n) VALUES (?)", SET_N, 10, null, 0, DeliveryGuarantee.EXACTLY_ONCE, null));

    Throwable failure = catchThrowable(() -> sink.createWriter(new TestingWriterInitContext("to the fake", 0, 2)));

    assertThat(failure).isInstanceOf(JdbcSinkException.class).hasMessage("JDBC sink 'to the fake' (subtask 1/2):"
        + " EXACTLY_ONCE needs XA transactions, and the JDBC driver io.nagare.connectors.jdbc.FakeDriver (for"
        + " jdbc:nagare-fake:db) has no XADataSource this sink knows: name its javax.sql.XADataSource class with"
        + " setXaDataSourceClassName(..), or use AT_LEAST_ONCE (with upserts, effectively once)");
  }

  @Test
  void exactlyOnceWithPostgresqlBuilds() {
    JdbcSink<Long> sink = complete().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionIdPrefix("orders").build();

    assertThat(sink.getDeliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    assertThat(sink.getTransactionIdPrefix()).contains("orders");
  }

  @Test
  void aUrlNoDriverAcceptsFailsWhenTheWriterOpens() {
    JdbcSink<Long> sink = complete().setUrl("jdbc:nowhere:db").setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .build();

    Throwable failure = catchThrowable(() -> sink.createWriter(new TestingWriterInitContext("to nowhere", 0, 1)));

    assertThat(failure).isInstanceOf(JdbcSinkException.class).hasMessage("JDBC sink 'to nowhere' (subtask 1/1) cannot"
        + " connect to jdbc:nowhere:db (SQLState 08001): No JDBC driver on the job's class path accepts jdbc:nowhere:db:"
        + " put the database's driver into the job jar");
  }
}
