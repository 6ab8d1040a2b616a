package io.nagare.runtime.partitioner;

import io.nagare.api.functions.KeySelector;
import io.nagare.api.transformations.PartitionerKind;
import io.nagare.state.KeyGroupRangeAssignment;
import java.util.concurrent.ThreadLocalRandom;

/** The channel selectors of the partitioner kinds. */
public final class ChannelSelectors {
  private ChannelSelectors() {}

  /**
   * The selector for {@code kind} over {@code channels} channels.
   *
   * @param producerIndex the producing subtask's index (round-robin starts there, spreading load)
   * @param keySelector for HASH, the key selector (else null)
   * @param maxParallelism for HASH, the consumer's number of key groups
   * @param consumerParallelism for HASH, the consumer's parallelism (equal to {@code channels})
   */
  public static <T> ChannelSelector<T> create(PartitionerKind kind, int channels, int producerIndex,
      KeySelector<T, ?> keySelector, int maxParallelism, int consumerParallelism) {
    switch (kind) {
      case FORWARD:
      case GLOBAL:
        return record -> 0;
      case BROADCAST:
        return new ChannelSelector<>() {
          @Override
          public int selectChannel(T record) {
            throw new UnsupportedOperationException("broadcast selects all channels");
          }

          @Override
          public boolean isBroadcast() {
            return true;
          }
        };
      case SHUFFLE:
        return record -> ThreadLocalRandom.current().nextInt(channels);
      case REBALANCE:
      case RESCALE:
        return new RoundRobin<>(channels, producerIndex);
      case HASH:
        return new KeyGroupSelector<>(keySelector, maxParallelism, consumerParallelism);
      default:
        throw new IllegalArgumentException("Unknown partitioner " + kind);
    }
  }

  /** Round-robin, starting at the producer's index so parallel producers do not all hit channel 0 first. */
  static final class RoundRobin<T> implements ChannelSelector<T> {
    private final int channels;
    private int next;

    RoundRobin(int channels, int start) {
      this.channels = channels;
      this.next = start % channels;
    }

    @Override
    public int selectChannel(T record) {
      int ch = next;
      next = ch + 1 == channels ? 0 : ch + 1;
      return ch;
    }
  }

  /** By the record key's key group, so a key always reaches the subtask owning its group. */
  static final class KeyGroupSelector<T> implements ChannelSelector<T> {
    private final KeySelector<T, ?> keySelector;
    private final int maxParallelism;
    private final int parallelism;

    KeyGroupSelector(KeySelector<T, ?> keySelector, int maxParallelism, int parallelism) {
      this.keySelector = keySelector;
      this.maxParallelism = maxParallelism;
      this.parallelism = parallelism;
    }

    @Override
    public int selectChannel(T record) {
      Object key;
      try {
        key = keySelector.getKey(record);
      } catch (Exception e) {
        throw new KeyExtractionException("The key selector failed on record " + record + ": " + e, e);
      }
      return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, parallelism);
    }
  }
}
