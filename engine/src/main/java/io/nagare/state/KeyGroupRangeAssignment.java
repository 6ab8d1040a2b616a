package io.nagare.state;

/**
 * Maps keys to key groups and key groups to subtasks. A key's group is {@code murmur(hashCode) mod
 * maxParallelism}, independent of the parallelism; subtask {@code i} of {@code p} owns the
 * contiguous groups {@code [ceil(i·m/p), ceil((i+1)·m/p) − 1]}. Because groups never change and
 * ranges are contiguous, state written at one parallelism can be split or merged for another by
 * key group. (Same formulas as Flink, so key distribution matches what Flink users know.)
 */
public final class KeyGroupRangeAssignment {
  /** The largest supported max parallelism (number of key groups). */
  public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

  private KeyGroupRangeAssignment() {}

  /** The key group of {@code key}. */
  public static int assignToKeyGroup(Object key, int maxParallelism) {
    if (key == null) {
      throw new NullPointerException("Keys must not be null (check the keyBy key selector)");
    }
    return computeKeyGroupForKeyHash(key.hashCode(), maxParallelism);
  }

  public static int computeKeyGroupForKeyHash(int keyHash, int maxParallelism) {
    return murmurFinish(keyHash) % maxParallelism;
  }

  /** The subtask index that owns {@code keyGroup}. */
  public static int computeOperatorIndexForKeyGroup(int maxParallelism, int parallelism, int keyGroup) {
    return keyGroup * parallelism / maxParallelism;
  }

  /** The subtask index that owns {@code key}. */
  public static int assignKeyToParallelOperator(Object key, int maxParallelism, int parallelism) {
    return computeOperatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
  }

  /** The key groups owned by subtask {@code index} of {@code parallelism}. */
  public static KeyGroupRange rangeForOperatorIndex(int maxParallelism, int parallelism, int index) {
    if (parallelism > maxParallelism) {
      throw new IllegalArgumentException("Parallelism " + parallelism + " exceeds max parallelism " + maxParallelism);
    }
    int start = (index * maxParallelism + parallelism - 1) / parallelism;
    int end = ((index + 1) * maxParallelism + parallelism - 1) / parallelism - 1;
    return new KeyGroupRange(start, end);
  }

  /**
   * The default max parallelism for {@code parallelism}: 1.5 × parallelism rounded up to a power of
   * two, at least 128 and at most {@link #UPPER_BOUND_MAX_PARALLELISM}.
   */
  public static int defaultMaxParallelism(int parallelism) {
    int target = parallelism + parallelism / 2;
    int pow = Integer.highestOneBit(Math.max(1, target - 1)) << 1;
    return Math.min(Math.max(pow, 128), UPPER_BOUND_MAX_PARALLELISM);
  }

  /** A non-negative, well-mixed hash (MurmurHash3's 32-bit mixing of one block plus finalisation). */
  static int murmurFinish(int code) {
    code *= 0xcc9e2d51;
    code = Integer.rotateLeft(code, 15);
    code *= 0x1b873593;
    code = Integer.rotateLeft(code, 13);
    code = code * 5 + 0xe6546b64;
    code ^= 4;
    code ^= code >>> 16;
    code *= 0x85ebca6b;
    code ^= code >>> 13;
    code *= 0xc2b2ae35;
    code ^= code >>> 16;
    return code >= 0 ? code : code != Integer.MIN_VALUE ? -code : 0;
  }
}
