package io.nagare.yarn;

import java.util.List;

/**
 * How a container's memory is split so that the JVM inside never outgrows it and YARN never kills
 * it for memory: of the process size YARN grants, a fixed part goes to JVM overhead (thread
 * stacks, code cache, GC structures; 10%, at least 192 MB), metaspace and direct memory (Netty's
 * buffers, network buffers; 10%, at least 64 MB) each get a cap, and the heap gets the rest. All
 * caps are passed to the JVM, so the sum is an upper bound of what the process can use on the
 * JVM's side; RocksDB's native memory is outside it and bounded by its own settings. Immutable.
 *
 * @param processMb what the container gets
 * @param heapMb {@code -Xmx} and {@code -Xms}
 * @param metaspaceMb {@code -XX:MaxMetaspaceSize}
 * @param directMb {@code -XX:MaxDirectMemorySize}
 * @param overheadMb what is left for the JVM's own native memory
 */
public record ProcessMemory(long processMb, long heapMb, long metaspaceMb, long directMb, long overheadMb) {
  /** The smallest process size that leaves a useful heap. */
  public static final long MIN_PROCESS_MB = 512;

  /**
   * The split of {@code processMb} for a process that needs {@code metaspaceMb} of metaspace.
   *
   * @param option the setting that gave the size, named in the error
   * @throws IllegalArgumentException if the size leaves less than 128 MB of heap
   */
  public static ProcessMemory of(long processMb, long metaspaceMb, String option) {
    long overhead = Math.max(192, processMb / 10);
    long direct = Math.max(64, processMb / 10);
    long heap = processMb - overhead - direct - metaspaceMb;
    if (processMb < MIN_PROCESS_MB || heap < 128) {
      throw new IllegalArgumentException(option + " of " + processMb + " MB is too small: a process needs at least "
          + Math.max(MIN_PROCESS_MB, overhead + direct + metaspaceMb + 128) + " MB (JVM overhead " + overhead
          + " MB, direct memory " + direct + " MB, metaspace " + metaspaceMb + " MB, heap at least 128 MB)");
    }
    return new ProcessMemory(processMb, heap, metaspaceMb, direct, overhead);
  }

  /** The JVM options that hold the process to this split. */
  public List<String> jvmOptions() {
    return List.of("-Xmx" + heapMb + "m", "-Xms" + heapMb + "m", "-XX:MaxMetaspaceSize=" + metaspaceMb + "m",
        "-XX:MaxDirectMemorySize=" + directMb + "m");
  }
}
