package io.nagare.state;

import java.io.Serializable;

/**
 * A contiguous, inclusive range of key groups: the part of the key space one subtask owns. Empty
 * when {@code end < start}.
 */
public final class KeyGroupRange implements Serializable {
  public static final KeyGroupRange EMPTY = new KeyGroupRange(0, -1);

  private final int start;
  private final int end;

  public KeyGroupRange(int start, int end) {
    if (start < 0 || end < start - 1) {
      throw new IllegalArgumentException("Bad key group range [" + start + ", " + end + "]");
    }
    this.start = start;
    this.end = end;
  }

  public int getStartKeyGroup() {
    return start;
  }

  public int getEndKeyGroup() {
    return end;
  }

  public int size() {
    return end - start + 1;
  }

  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup <= end;
  }

  /** The overlap of two ranges (possibly empty). */
  public KeyGroupRange intersection(KeyGroupRange other) {
    int s = Math.max(start, other.start);
    int e = Math.min(end, other.end);
    return e < s ? EMPTY : new KeyGroupRange(s, e);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyGroupRange && (((KeyGroupRange) o).size() == 0 && size() == 0
        || ((KeyGroupRange) o).start == start && ((KeyGroupRange) o).end == end);
  }

  @Override
  public int hashCode() {
    return size() == 0 ? 0 : 31 * start + end;
  }

  @Override
  public String toString() {
    return "KeyGroupRange[" + start + ", " + end + "]";
  }
}
