package io.nagare.testing;

import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.TwoPhaseCommitSinkFunction;
import io.nagare.api.typeinfo.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exactly-once sink for tests in the local runtime: each transaction's rows wait in memory and
 * join the committed rows only when it commits, so rows replayed after a restore appear once. A
 * transaction is written by one sink subtask's thread; its rows and the committed rows live in
 * static concurrent maps under the sink's id, since the function is serialised into the job.
 * Create one per test and read {@link #rows()} after the job ends.
 */
public class CommittedRows<T> extends TwoPhaseCommitSinkFunction<T, String> {
  private static final Map<String, List<String>> OPEN = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> COMMITTED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final MapFunction<T, String> format;

  /** A sink writing each value as {@code format} makes it a row. */
  public CommittedRows(MapFunction<T, String> format) {
    super(Types.STRING);
    this.format = format;
    COMMITTED.put(id, new ArrayList<>());
  }

  /** The rows of every committed transaction. */
  public List<String> rows() {
    List<String> committed = COMMITTED.get(id);
    synchronized (committed) {
      return new ArrayList<>(committed);
    }
  }

  @Override
  protected String beginTransaction() {
    String transaction = id + "/" + UUID.randomUUID();
    OPEN.put(transaction, new ArrayList<>());
    return transaction;
  }

  @Override
  protected void invoke(String transaction, T value, Context context) throws Exception {
    OPEN.get(transaction).add(format.map(value));
  }

  @Override
  protected void preCommit(String transaction) {}

  @Override
  protected void commit(String transaction) {
    List<String> rows = OPEN.remove(transaction);
    if (rows != null) {
      List<String> committed = COMMITTED.get(id);
      synchronized (committed) {
        committed.addAll(rows);
      }
    }
  }

  @Override
  protected void abort(String transaction) {
    OPEN.remove(transaction);
  }
}
