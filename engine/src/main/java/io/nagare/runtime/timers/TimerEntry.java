package io.nagare.runtime.timers;

/** A registered timer: when, for which key, in which namespace. Ordered by timestamp. */
public final class TimerEntry<K, N> implements Comparable<TimerEntry<K, N>> {
  private final long timestamp;
  private final K key;
  private final N namespace;

  public TimerEntry(long timestamp, K key, N namespace) {
    this.timestamp = timestamp;
    this.key = key;
    this.namespace = namespace;
  }

  public long timestamp() {
    return timestamp;
  }

  public K key() {
    return key;
  }

  public N namespace() {
    return namespace;
  }

  @Override
  public int compareTo(TimerEntry<K, N> o) {
    return Long.compare(timestamp, o.timestamp);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TimerEntry)) {
      return false;
    }
    TimerEntry<?, ?> t = (TimerEntry<?, ?>) o;
    return t.timestamp == timestamp && t.key.equals(key) && t.namespace.equals(namespace);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(timestamp) * 31 + key.hashCode()) * 31 + namespace.hashCode();
  }

  @Override
  public String toString() {
    return "Timer{" + timestamp + ", " + key + ", " + namespace + "}";
  }
}
