package io.nagare.yarn;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.configuration.MemoryOptions;
import java.util.List;

/**
 * How a container's memory is split so that the process inside never outgrows it and YARN never
 * kills it for memory. Of the process size YARN grants: JVM overhead (thread stacks, code cache, GC
 * structures), metaspace, direct memory (Netty's buffers), managed memory
 * (RocksDB's block cache and write buffers, native) and the heap, which gets the rest. The JVM is
 * held to its parts by {@code -Xmx}, {@code -XX:MaxDirectMemorySize} and {@code
 * -XX:MaxMetaspaceSize}; RocksDB to managed memory by one block cache that all its instances in
 * the process share and to which their write buffers are charged. Immutable.
 *
 * <pre>
 *   process size (taskmanager.memory.process.size)
 *   ├─ JVM overhead     jvm-overhead.fraction of the process, within jvm-overhead.min/max
 *   ├─ metaspace        jvm-metaspace.size
 *   ├─ direct memory    network.fraction of the process, within network.min/max
 *   ├─ managed memory   managed.size, or managed.fraction of (process − overhead − metaspace) with RocksDB
 *   └─ heap             the rest (at least 128 MB)
 * </pre>
 *
 * @param processMb what the container gets
 * @param heapMb {@code -Xmx} and {@code -Xms}
 * @param metaspaceMb {@code -XX:MaxMetaspaceSize}
 * @param directMb {@code -XX:MaxDirectMemorySize}
 * @param managedMb what RocksDB may use outside the JVM's parts (0: none)
 * @param overheadMb what is left for the JVM's own native memory
 */
public record ProcessMemory(long processMb, long heapMb, long metaspaceMb, long directMb, long managedMb,
    long overheadMb) {
  /** The smallest process size that leaves a useful heap. */
  public static final long MIN_PROCESS_MB = 512;
  private static final long MIN_HEAP_MB = 128;

  /**
   * The split of {@code processMb} for a process without managed memory that needs {@code
   * metaspaceMb} of metaspace (the ApplicationMaster), with the default overhead and direct memory.
   *
   * @param option the setting that gave the size, named in the error
   * @throws IllegalArgumentException if the size leaves less than 128 MB of heap
   */
  public static ProcessMemory of(long processMb, long metaspaceMb, String option) {
    long overhead = Math.max(192, processMb / 10);
    long direct = Math.max(64, processMb / 10);
    return split(processMb, overhead, metaspaceMb, direct, 0, option);
  }

  /**
   * The split of a task manager's {@code processMb}, as {@code conf}'s {@code taskmanager.memory.*}
   * options ask.
   *
   * @param option the setting that gave the size, named in the error
   * @throws IllegalArgumentException naming the parts if the size leaves less than 128 MB of heap
   */
  public static ProcessMemory forTaskManager(long processMb, Configuration conf, String option) {
    long overhead = clamp((long) (processMb * conf.get(MemoryOptions.JVM_OVERHEAD_FRACTION)),
        mb(conf, MemoryOptions.JVM_OVERHEAD_MIN), mb(conf, MemoryOptions.JVM_OVERHEAD_MAX));
    long metaspace = mb(conf, MemoryOptions.JVM_METASPACE);
    long direct = clamp((long) (processMb * conf.get(MemoryOptions.NETWORK_FRACTION)),
        mb(conf, MemoryOptions.NETWORK_MIN), mb(conf, MemoryOptions.NETWORK_MAX));
    long managed;
    if (conf.contains(MemoryOptions.MANAGED_SIZE)) {
      managed = mb(conf, MemoryOptions.MANAGED_SIZE);
    } else if ("rocksdb".equalsIgnoreCase(conf.get(CoreOptions.STATE_BACKEND))) {
      managed = (long) ((processMb - overhead - metaspace) * conf.get(MemoryOptions.MANAGED_FRACTION));
    } else {
      managed = 0;
    }
    return split(processMb, overhead, metaspace, direct, managed, option);
  }

  private static ProcessMemory split(long processMb, long overhead, long metaspace, long direct, long managed,
      String option) {
    long heap = processMb - overhead - metaspace - direct - managed;
    if (processMb < MIN_PROCESS_MB || heap < MIN_HEAP_MB) {
      throw new IllegalArgumentException(option + " of " + processMb + " MB is too small: a process needs at least "
          + Math.max(MIN_PROCESS_MB, overhead + direct + metaspace + managed + MIN_HEAP_MB) + " MB (JVM overhead "
          + overhead + " MB, direct memory " + direct + " MB, metaspace " + metaspace + " MB"
          + (managed > 0 ? ", managed memory " + managed + " MB" : "") + ", heap at least " + MIN_HEAP_MB + " MB)");
    }
    return new ProcessMemory(processMb, heap, metaspace, direct, managed, overhead);
  }

  private static long mb(Configuration conf, io.nagare.api.configuration.ConfigOption<
      io.nagare.api.configuration.MemorySize> option) {
    return conf.get(option).getBytes() >> 20;
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }

  /** The JVM options that hold the process to this split. */
  public List<String> jvmOptions() {
    return List.of("-Xmx" + heapMb + "m", "-Xms" + heapMb + "m", "-XX:MaxMetaspaceSize=" + metaspaceMb + "m",
        "-XX:MaxDirectMemorySize=" + directMb + "m");
  }
}
