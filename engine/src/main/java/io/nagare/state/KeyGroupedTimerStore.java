package io.nagare.state;

import java.util.Arrays;
import java.util.List;

/**
 * The timers of one time domain of a keyed operator subtask, kept by its keyed state backend with the
 * rest of its keyed state, and so snapshotted with it by the checkpoint I/O thread ({@link
 * KeyedStateBackend#timerStore}). Per key group it holds entries of a timestamp and the serialised
 * key and namespace, ordered by timestamp and then by those bytes (unsigned); an entry is held once
 * however often it is added. What the bytes mean belongs to the timer service.
 *
 * <p>Owned by the subtask's thread.
 */
public interface KeyGroupedTimerStore {
  /** The section names of a timers block, one store per time domain. */
  String EVENT_TIME = "event";
  String PROCESSING_TIME = "processing";

  /** One stored timer. */
  record Entry(long timestamp, byte[] keyAndNamespace) implements Comparable<Entry> {
    /** The store's order: timestamp, then the key and namespace bytes, unsigned. */
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(timestamp, o.timestamp);
      return c != 0 ? c : Arrays.compareUnsigned(keyAndNamespace, o.keyAndNamespace);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && compareTo(e) == 0;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(timestamp) * 31 + Arrays.hashCode(keyAndNamespace);
    }

    @Override
    public String toString() {
      return "Entry{" + timestamp + ", " + keyAndNamespace.length + " bytes}";
    }
  }

  /** Adds {@code entry} to key group {@code keyGroup} (nothing changes if it is there). */
  void add(int keyGroup, Entry entry);

  /** Removes {@code entry} from key group {@code keyGroup} if it is there. */
  void delete(int keyGroup, Entry entry);

  /** Up to {@code max} entries of {@code keyGroup} after {@code after} (null: from its first), in order. */
  List<Entry> read(int keyGroup, Entry after, int max);

  /** The number of entries of {@code keyGroup}, counted by reading them (for tests and diagnostics). */
  int count(int keyGroup);
}
