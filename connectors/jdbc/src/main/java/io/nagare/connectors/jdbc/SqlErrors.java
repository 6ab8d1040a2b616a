package io.nagare.connectors.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * What the sink reads from a failed JDBC or XA call: whether trying again on a new connection may
 * help, the SQLState, a one-line description, and which entry of a batch failed.
 *
 * <p>Transient: SQLState class 08 (connection errors), 40001 (serialization failure), 40P01
 * (deadlock), 57P01 to 57P03 (the server shutting down or starting up), and an XA resource that
 * failed ({@code XAER_RMFAIL}). Constraint violations, syntax errors and everything else are not.
 */
final class SqlErrors {
  private static final int MAX_CHAIN = 50;

  private SqlErrors() {}

  /** Whether {@code e}, or a cause or next exception of it, says that a later attempt may succeed. */
  static boolean isTransient(Throwable e) {
    for (Throwable t : chain(e)) {
      if (t instanceof XAException xa && xa.errorCode == XAException.XAER_RMFAIL) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null && isTransientState(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static boolean isTransientState(String state) {
    return state.startsWith("08") || state.equals("40001") || state.equals("40P01")
        || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
  }

  /** The SQLState of the database's own error in {@code e}'s chain (see {@link #describe}), or null. */
  static String sqlState(Throwable e) {
    SQLException s = primary(e);
    return s == null ? null : s.getSQLState();
  }

  /**
   * Whether {@code e} blames one record rather than the database's state: a data exception (SQLState
   * class 22), a constraint violation (23), a syntax error or access rule violation (42) or a check
   * option violation (44). A lock timeout or a cancelled statement blames none.
   */
  static boolean blamesARecord(Throwable e) {
    String state = sqlState(e);
    return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("42")
        || state.startsWith("44"));
  }

  /** Whether the chain of {@code e} has an error with SQLState {@code state}. */
  static boolean hasState(Throwable e, String state) {
    return chain(e).stream().anyMatch(t -> t instanceof SQLException s && state.equals(s.getSQLState()));
  }

  /**
   * "(SQLState 23505): ERROR: duplicate key value ...", on one line: the database's own error (a
   * batch's next exception, an XA exception's cause) rather than the driver's wrapper, and an XA
   * error code when there is no SQLException.
   */
  static String describe(Throwable e) {
    SQLException s = primary(e);
    Throwable shown = s != null ? s : e;
    String message = shown.getMessage() == null ? shown.getClass().getName() : shown.getMessage();
    message = message.replaceAll("\\s*\\R\\s*", " ").trim();
    if (s == null && e instanceof XAException xa) {
      return "(XA error code " + xa.errorCode + "): " + message;
    }
    return (s == null || s.getSQLState() == null ? "" : "(SQLState " + s.getSQLState() + "): ") + message;
  }

  /**
   * The index of the batch entry that failed, or -1 if the driver does not tell: the first {@link
   * Statement#EXECUTE_FAILED} after entries that did not fail, or the count of entries done if the
   * driver stopped before the end. Counts that mark every entry failed (a driver's way of saying
   * that the transaction aborted) tell nothing.
   */
  static int failedEntry(SQLException e, int entries) {
    if (!(e instanceof BatchUpdateException b) || b.getUpdateCounts() == null) {
      return -1;
    }
    int[] counts = b.getUpdateCounts();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == Statement.EXECUTE_FAILED) {
        return i > 0 || entries == 1 ? i : -1;
      }
    }
    return counts.length < entries ? counts.length : -1;
  }

  /** The most specific SQLException of {@code e}'s chain: the first with a SQLState that is no batch wrapper. */
  private static SQLException primary(Throwable e) {
    SQLException fallback = null;
    for (Throwable t : chain(e)) {
      if (t instanceof SQLException s) {
        if (!(s instanceof BatchUpdateException) && s.getSQLState() != null) {
          return s;
        }
        if (fallback == null) {
          fallback = s;
        }
      }
    }
    return fallback;
  }

  /** {@code e}, then the next exceptions and causes of each, each once. */
  private static List<Throwable> chain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty() && chain.size() < MAX_CHAIN) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      chain.add(t);
      if (t instanceof SQLException s && s.getNextException() != null) {
        todo.addFirst(s.getNextException());
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return chain;
  }
}
