package io.nagare.api.configuration;

/**
 * Options for the data exchange between subtasks. Each producing subtask owns one pool of
 * {@code buffers-per-channel × channels + floating-buffers-per-gate} buffers of {@code segment-size}
 * bytes: the bound on what it can have in flight before it waits for its consumers.
 */
public final class NetworkOptions {
  private NetworkOptions() {}

  public static final ConfigOption<MemorySize> SEGMENT_SIZE = ConfigOption.key("taskmanager.memory.segment-size")
      .memoryType().defaultValue(MemorySize.parse("32kb"))
      .withDescription("Size of one network buffer.");

  public static final ConfigOption<Integer> BUFFERS_PER_CHANNEL =
      ConfigOption.key("taskmanager.network.memory.buffers-per-channel").intType().defaultValue(2)
          .withDescription("Buffers a producer may fill for one consumer before it waits.");

  public static final ConfigOption<Integer> FLOATING_BUFFERS =
      ConfigOption.key("taskmanager.network.memory.floating-buffers-per-gate").intType().defaultValue(8)
          .withDescription("Extra buffers a producer shares among its channels.");
}
