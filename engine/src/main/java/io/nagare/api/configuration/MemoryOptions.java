package io.nagare.api.configuration;

/**
 * How a task manager's process memory is split, with Flink's option names: JVM overhead, metaspace,
 * network (direct) memory, managed memory (RocksDB's block cache and write buffers, off the heap),
 * and the heap, which gets the rest. On YARN the split is computed from {@code
 * taskmanager.memory.process.size}; a standalone task manager bounds RocksDB by {@code
 * taskmanager.memory.managed.size} if it is set.
 */
public final class MemoryOptions {
  private MemoryOptions() {}

  public static final ConfigOption<Double> JVM_OVERHEAD_FRACTION = ConfigOption.key(
      "taskmanager.memory.jvm-overhead.fraction").doubleType().defaultValue(0.1)
      .withDescription("Share of the process size left to the JVM's own native memory (thread stacks, code cache,"
          + " GC structures), within jvm-overhead.min and jvm-overhead.max.");

  public static final ConfigOption<MemorySize> JVM_OVERHEAD_MIN = ConfigOption.key(
      "taskmanager.memory.jvm-overhead.min").memoryType().defaultValue(MemorySize.parse("192 mb"))
      .withDescription("The least JVM overhead.");

  public static final ConfigOption<MemorySize> JVM_OVERHEAD_MAX = ConfigOption.key(
      "taskmanager.memory.jvm-overhead.max").memoryType().defaultValue(MemorySize.parse("1 gb"))
      .withDescription("The most JVM overhead.");

  public static final ConfigOption<MemorySize> JVM_METASPACE = ConfigOption.key(
      "taskmanager.memory.jvm-metaspace.size").memoryType().defaultValue(MemorySize.parse("256 mb"))
      .withDescription("The task manager's metaspace (-XX:MaxMetaspaceSize): classes of the engine and of jobs.");

  public static final ConfigOption<Double> NETWORK_FRACTION = ConfigOption.key(
      "taskmanager.memory.network.fraction").doubleType().defaultValue(0.1)
      .withDescription("Share of the process size for direct memory (-XX:MaxDirectMemorySize: Netty's buffers"
          + " for the data and control connections), within network.min and network.max.");

  public static final ConfigOption<MemorySize> NETWORK_MIN = ConfigOption.key(
      "taskmanager.memory.network.min").memoryType().defaultValue(MemorySize.parse("64 mb"))
      .withDescription("The least direct memory.");

  public static final ConfigOption<MemorySize> NETWORK_MAX = ConfigOption.key(
      "taskmanager.memory.network.max").memoryType().defaultValue(MemorySize.parse("1 gb"))
      .withDescription("The most direct memory.");

  public static final ConfigOption<Double> MANAGED_FRACTION = ConfigOption.key(
      "taskmanager.memory.managed.fraction").doubleType().defaultValue(0.4)
      .withDescription("With state.backend.type: rocksdb, the share of the process size less JVM overhead and"
          + " metaspace that RocksDB may use outside the heap (block cache and write buffers of every RocksDB"
          + " instance of the task manager together); with the heap backend there is no managed memory.");

  public static final ConfigOption<MemorySize> MANAGED_SIZE = ConfigOption.key(
      "taskmanager.memory.managed.size").memoryType().noDefaultValue()
      .withDescription("Managed memory as a size, instead of managed.fraction; on YARN the ApplicationMaster sets"
          + " it for each task manager it starts. Without it (and off YARN) each RocksDB instance has a 64 MB"
          + " block cache of its own and its memory is not bounded.");

  public static final ConfigOption<Double> ROCKSDB_WRITE_BUFFER_RATIO = ConfigOption.key(
      "state.backend.rocksdb.memory.write-buffer-ratio").doubleType().defaultValue(0.5)
      .withDescription("Share of managed memory that RocksDB's write buffers (memtables) may take; they are"
          + " charged to the one block cache, so cache and buffers together stay within managed memory.");
}
