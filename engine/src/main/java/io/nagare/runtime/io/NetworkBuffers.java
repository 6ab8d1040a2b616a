package io.nagare.runtime.io;

import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.MetricGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The network buffers of this process: every live {@link BufferPool} (output pools of subtasks and
 * receive buffers of remote input channels) registers here when it is created, so a task manager can
 * report how many buffers, and bytes, its exchange holds and how many are in use, under Flink's
 * names ({@code Status.Shuffle.Netty.*}). Pools are held weakly and destroyed ones are not counted,
 * so an ended job's pools leave the figures when it is cancelled or collected.
 *
 * <p>Threading: pools register from subtask threads, metrics read from the metrics thread; the set
 * is guarded by its own monitor.
 */
public final class NetworkBuffers {
  private static final Set<BufferPool> POOLS = Collections.newSetFromMap(new WeakHashMap<>());

  private NetworkBuffers() {}

  static void register(BufferPool pool) {
    synchronized (POOLS) {
      POOLS.add(pool);
    }
  }

  /** Buffers and bytes of the live pools, and how many of them are in use, at one moment. */
  public record Usage(long totalSegments, long usedSegments, long totalBytes, long usedBytes) {}

  /** The live pools' buffers now. Any thread. */
  public static Usage usage() {
    List<BufferPool> live;
    synchronized (POOLS) {
      live = new ArrayList<>(POOLS);
    }
    long total = 0;
    long used = 0;
    long totalBytes = 0;
    long usedBytes = 0;
    for (BufferPool pool : live) {
      if (pool.isDestroyed()) {
        continue;
      }
      int inUse = pool.capacity() - pool.numFree();
      total += pool.capacity();
      used += inUse;
      totalBytes += (long) pool.capacity() * pool.bufferSize();
      usedBytes += (long) inUse * pool.bufferSize();
    }
    return new Usage(total, used, totalBytes, usedBytes);
  }

  /**
   * Registers {@code Status.Shuffle.Netty.TotalMemorySegments}, {@code UsedMemorySegments}, {@code
   * AvailableMemorySegments}, {@code TotalMemory}, {@code UsedMemory} and {@code AvailableMemory}
   * (bytes) in {@code process}, a task manager's group.
   */
  public static void registerMetrics(MetricGroup process) {
    MetricGroup netty = process.addGroup("Status").addGroup("Shuffle").addGroup("Netty");
    netty.gauge("TotalMemorySegments", (Gauge<Long>) () -> usage().totalSegments());
    netty.gauge("UsedMemorySegments", (Gauge<Long>) () -> usage().usedSegments());
    netty.gauge("AvailableMemorySegments", (Gauge<Long>) () -> {
      Usage u = usage();
      return u.totalSegments() - u.usedSegments();
    });
    netty.gauge("TotalMemory", (Gauge<Long>) () -> usage().totalBytes());
    netty.gauge("UsedMemory", (Gauge<Long>) () -> usage().usedBytes());
    netty.gauge("AvailableMemory", (Gauge<Long>) () -> {
      Usage u = usage();
      return u.totalBytes() - u.usedBytes();
    });
  }
}
