package io.nagare.runtime.timers;

import java.util.Arrays;

/**
 * A binary min-heap of key group indexes by the timestamp of each one's earliest timer (ties by
 * index), with each index's position kept so a key group's timestamp can change in O(log n); key
 * groups without timers are not in it. Owned by the subtask's thread.
 */
final class KeyGroupHeap {
  private final long[] time;
  private final int[] heap;
  private final int[] position;
  private int size;

  KeyGroupHeap(int keyGroups) {
    time = new long[keyGroups];
    heap = new int[keyGroups];
    position = new int[keyGroups];
    Arrays.fill(position, -1);
  }

  /** The index whose timestamp is smallest, or -1 if none has timers. */
  int top() {
    return size == 0 ? -1 : heap[0];
  }

  /** The smallest timestamp, or {@code Long.MAX_VALUE}. */
  long topTime() {
    return size == 0 ? Long.MAX_VALUE : time[heap[0]];
  }

  /** Key group {@code index} has no timers (any more). */
  void remove(int index) {
    int at = position[index];
    if (at >= 0) {
      int last = heap[--size];
      position[index] = -1;
      if (at < size) {
        heap[at] = last;
        position[last] = at;
        siftDown(siftUp(at));
      }
    }
  }

  /** Sets the earliest timestamp of key group {@code index}. */
  void update(int index, long timestamp) {
    int at = position[index];
    time[index] = timestamp;
    if (at < 0) {
      at = size++;
      heap[at] = index;
      position[index] = at;
    }
    siftDown(siftUp(at));
  }

  private boolean less(int a, int b) {
    return time[a] < time[b] || (time[a] == time[b] && a < b);
  }

  private int siftUp(int at) {
    int index = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!less(index, heap[parent])) {
        break;
      }
      heap[at] = heap[parent];
      position[heap[at]] = at;
      at = parent;
    }
    heap[at] = index;
    position[index] = at;
    return at;
  }

  private void siftDown(int at) {
    int index = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && less(heap[child + 1], heap[child])) {
        child++;
      }
      if (!less(heap[child], index)) {
        break;
      }
      heap[at] = heap[child];
      position[heap[at]] = at;
      at = child;
    }
    heap[at] = index;
    position[index] = at;
  }
}
