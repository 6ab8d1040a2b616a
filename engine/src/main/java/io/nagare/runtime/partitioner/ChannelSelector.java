package io.nagare.runtime.partitioner;

/**
 * Picks the channel (consumer) a record goes to. Stateful selectors (round-robin) belong to one
 * producer subtask's thread.
 */
public interface ChannelSelector<T> {
  /** The channel of {@code record}, in {@code [0, numberOfChannels)}. */
  int selectChannel(T record);

  /** Whether every record goes to every channel (then {@link #selectChannel} is not called). */
  default boolean isBroadcast() {
    return false;
  }
}
