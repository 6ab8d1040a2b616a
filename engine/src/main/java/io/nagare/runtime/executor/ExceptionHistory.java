package io.nagare.runtime.executor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The root causes of a job's failures, newest first, as REST's {@code /jobs/<id>/exceptions}
 * shows them: when, what (the innermost cause's class and message, and the whole stack trace as
 * the process that threw it printed it: a remote subtask's exception stands in for the original),
 * and in which subtask on which task manager, if a subtask failed.
 *
 * <p>Threading: written by whichever thread fails the job, read by REST; synchronized.
 */
public final class ExceptionHistory {
  /** How many failures are kept. */
  public static final int SIZE = 16;

  /** One failure; {@code taskName} and {@code location} are null when no subtask failed (e.g. a coordinator). */
  public record Entry(long timestamp, String exceptionName, String message, String stackTrace, String taskName,
      String location) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  synchronized void add(Throwable cause, String taskName, String location, long timestamp) {
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    String root = innermost(cause, trace.toString());
    int colon = root.indexOf(": ");
    entries.addFirst(new Entry(timestamp, colon > 0 ? root.substring(0, colon) : root,
        colon > 0 ? root.substring(colon + 2) : null, trace.toString(), taskName, location));
    while (entries.size() > SIZE) {
      entries.removeLast();
    }
  }

  /**
   * The innermost cause's {@code toString()}: the last of the chain, or for an exception that
   * stands in for a remote one (its cause chain exists only as printed text), the last {@code
   * Caused by:} line of its trace.
   */
  private static String innermost(Throwable cause, String trace) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != cause) {
      return root.toString();
    }
    String found = cause.toString();
    for (String line : trace.split("\\R")) {
      if (line.startsWith("Caused by: ")) {
        found = line.substring("Caused by: ".length());
      }
    }
    return found;
  }

  /** The failures, newest first. */
  public synchronized List<Entry> entries() {
    return Collections.unmodifiableList(new ArrayList<>(entries));
  }
}
