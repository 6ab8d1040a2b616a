package io.nagare.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.connectors.jdbc.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * What the job tests write for each number {@code n} of {@code 0..count-1}, and the checks that a
 * table holds exactly what a run without failures leaves.
 *
 * <ul>
 *   <li>Upserts: table {@code (k BIGINT PRIMARY KEY, v BIGINT, label TEXT)}, row {@code (n / 10, n,
 *       'n<n>')} upserted for each {@code n}, so the table ends with {@code (k, 10k + 9, 'n<10k +
 *       9>')}. The ten numbers of a key lie in one source split (splits are multiples of 1000
 *       numbers), so one subtask writes them, in order.
 *   <li>Plain inserts: table {@code (n BIGINT NOT NULL, label TEXT)} without a key, so a duplicate
 *       shows as a second row; it ends with one row per number.
 * </ul>
 */
final class NumbersInTables {
  static final String UPSERT = "INSERT INTO %s (k, v, label) VALUES (?, ?, ?)"
      + " ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, label = EXCLUDED.label";
  static final String INSERT = "INSERT INTO %s (n, label) VALUES (?, ?)";

  private NumbersInTables() {}

  static void createUpsertTable(PostgresExtension postgres, String table) throws SQLException {
    postgres.execute("CREATE TABLE " + table + " (k BIGINT PRIMARY KEY, v BIGINT NOT NULL, label TEXT NOT NULL)");
  }

  static void createInsertTable(PostgresExtension postgres, String table) throws SQLException {
    postgres.execute("CREATE TABLE " + table + " (n BIGINT NOT NULL, label TEXT NOT NULL)");
  }

  static JdbcSinkBuilder<Long> upsertSink(PostgresExtension postgres, String table) {
    return JdbcSink.<Long>builder()
        .setUrl(postgres.url()).setUsername(postgres.username()).setPassword(postgres.password())
        .setSql(String.format(UPSERT, table))
        .setStatementBuilder((statement, n) -> {
          statement.setLong(1, n / 10);
          statement.setLong(2, n);
          statement.setString(3, "n" + n);
        });
  }

  static JdbcSinkBuilder<Long> insertSink(PostgresExtension postgres, String table) {
    return JdbcSink.<Long>builder()
        .setUrl(postgres.url()).setUsername(postgres.username()).setPassword(postgres.password())
        .setSql(String.format(INSERT, table))
        .setStatementBuilder((statement, n) -> {
          statement.setLong(1, n);
          statement.setString(2, "n" + n);
        });
  }

  /** Asserts that {@code table} holds exactly the latest upsert of every key of {@code 0..count-1}. */
  static void assertUpserted(PostgresExtension postgres, String table, long count) throws SQLException {
    List<String> expected = LongStream.range(0, count / 10)
        .mapToObj(k -> k + "," + (k * 10 + 9) + ",n" + (k * 10 + 9)).toList();
    assertThat(rows(postgres, "SELECT k, v, label FROM " + table + " ORDER BY k")).isEqualTo(expected);
  }

  /** Asserts that {@code table} holds exactly one row per number of {@code 0..count-1}. */
  static void assertInsertedOnce(PostgresExtension postgres, String table, long count) throws SQLException {
    List<String> expected = LongStream.range(0, count).mapToObj(n -> n + ",n" + n).toList();
    List<String> missing = rows(postgres, "SELECT g FROM generate_series(0, " + (count - 1) + ") g"
        + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE n = g) ORDER BY g");
    List<String> duplicated = rows(postgres, "SELECT n, count(*) FROM " + table + " GROUP BY n HAVING count(*) > 1"
        + " ORDER BY n");
    assertThat(rows(postgres, "SELECT n, label FROM " + table + " ORDER BY n, label"))
        .as("%d numbers missing %s, %d duplicated (number,rows) %s", missing.size(),
            missing.subList(0, Math.min(20, missing.size())), duplicated.size(),
            duplicated.subList(0, Math.min(20, duplicated.size())))
        .isEqualTo(expected);
  }

  /** The prepared transactions left in the database. */
  static List<String> preparedTransactions(PostgresExtension postgres) throws SQLException {
    return rows(postgres, "SELECT gid FROM pg_prepared_xacts");
  }

  /** Each row of {@code query}, its columns joined by commas. */
  static List<String> rows(PostgresExtension postgres, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = postgres.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "," : "").append(r.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
