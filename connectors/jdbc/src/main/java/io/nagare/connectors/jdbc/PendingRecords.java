package io.nagare.connectors.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of a writer's batch, not yet executed, and each one's position: how many records the
 * subtask had taken since the last checkpoint (or since it started, before its first) when it took
 * this one. Messages name records by it: "the 3rd record since the last checkpoint". Owned by the
 * subtask's thread.
 *
 * @param <T> the type of the records
 */
final class PendingRecords<T> {
  private final List<T> records = new ArrayList<>();
  private long count;
  private long firstPosition;
  private boolean checkpointed;

  void add(T record) {
    count++;
    if (records.isEmpty()) {
      firstPosition = count;
    }
    records.add(record);
  }

  int size() {
    return records.size();
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  T get(int index) {
    return records.get(index);
  }

  /** Forgets the records once they are written. */
  void clear() {
    records.clear();
  }

  /** Starts counting positions anew: a checkpoint barrier has passed. */
  void checkpoint() {
    count = 0;
    checkpointed = true;
  }

  /** "the 3rd record since the last checkpoint", for the record at {@code index}. */
  String describe(int index) {
    return "the " + ordinal(firstPosition + index) + " record " + since();
  }

  /** "records 1 to 20 since the last checkpoint", for the whole batch. */
  String span() {
    long last = firstPosition + records.size() - 1;
    return (records.size() == 1 ? "record " + firstPosition : "records " + firstPosition + " to " + last) + " " + since();
  }

  private String since() {
    return checkpointed ? "since the last checkpoint" : "since the subtask started";
  }

  static String ordinal(long n) {
    long lastTwo = n % 100;
    String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch ((int) (n % 10)) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }
}
