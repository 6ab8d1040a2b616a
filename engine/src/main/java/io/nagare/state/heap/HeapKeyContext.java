package io.nagare.state.heap;

import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;

/**
 * The current key of a heap backend and its key group, computed once per key and shared by all of
 * the backend's state tables. Owned by the subtask's thread.
 *
 * @param <K> key type
 */
final class HeapKeyContext<K> {
  private final int numberOfKeyGroups;
  private final KeyGroupRange keyGroupRange;
  private final int rangeStart;

  private K currentKey;
  private int currentKeyGroup = -1;
  private int currentKeyGroupOffset = -1;

  HeapKeyContext(int numberOfKeyGroups, KeyGroupRange keyGroupRange) {
    this.numberOfKeyGroups = numberOfKeyGroups;
    this.keyGroupRange = keyGroupRange;
    this.rangeStart = keyGroupRange.getStartKeyGroup();
  }

  void setCurrentKey(K key) {
    int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, numberOfKeyGroups);
    if (!keyGroupRange.contains(keyGroup)) {
      throw new IllegalArgumentException("Key '" + key + "' belongs to key group " + keyGroup
          + ", outside this subtask's key group range [" + keyGroupRange.getStartKeyGroup() + ", "
          + keyGroupRange.getEndKeyGroup() + "]: the key selector is not deterministic (the key must depend only"
          + " on the record, with a hashCode that is the same in every JVM: no randomness, time or identity hash"
          + " codes)");
    }
    currentKey = key;
    currentKeyGroup = keyGroup;
    currentKeyGroupOffset = keyGroup - rangeStart;
  }

  /** Makes a key current whose key group is already known to lie in this context's range. */
  void restoreCurrentKey(K key, int keyGroup) {
    currentKey = key;
    currentKeyGroup = keyGroup;
    currentKeyGroupOffset = keyGroup < 0 ? -1 : keyGroup - rangeStart;
  }

  K getCurrentKey() {
    return currentKey;
  }

  int getCurrentKeyGroup() {
    return currentKeyGroup;
  }

  /** The current key group's index in the range, or -1 before the first key is set. */
  int getCurrentKeyGroupOffset() {
    return currentKeyGroupOffset;
  }

  int getNumberOfKeyGroups() {
    return numberOfKeyGroups;
  }

  KeyGroupRange getKeyGroupRange() {
    return keyGroupRange;
  }
}
