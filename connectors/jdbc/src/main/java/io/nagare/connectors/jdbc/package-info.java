/**
 * The JDBC sink: {@link io.nagare.connectors.jdbc.JdbcSink}, built with {@link
 * io.nagare.connectors.jdbc.JdbcSink#builder()}, a SQL statement and a {@link
 * io.nagare.connectors.jdbc.JdbcStatementBuilder} that sets its parameters from each record; at least
 * once with batches committed at every checkpoint, or exactly once through XA transactions. Shaped
 * like Flink's JDBC connector; written against the engine's public sink API only.
 */
package io.nagare.connectors.jdbc;
