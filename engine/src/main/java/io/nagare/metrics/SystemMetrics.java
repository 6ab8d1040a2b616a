package io.nagare.metrics;

import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.MetricGroup;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * The JVM's own figures under {@code Status.JVM} of a process scope, with Flink's names: {@code
 * Memory.Heap/NonHeap.Used/Committed/Max}, {@code Memory.Direct.Count/MemoryUsed/TotalCapacity},
 * {@code GarbageCollector.<collector>.Count/Time}, {@code Threads.Count}, {@code
 * ClassLoader.ClassesLoaded/ClassesUnloaded} and {@code CPU.Load/Time}. Read from the platform
 * MXBeans when reported.
 */
public final class SystemMetrics {
  private SystemMetrics() {}

  /** Registers the JVM metrics in {@code process} (a job manager's or task manager's scope). */
  public static void register(GenericMetricGroup process) {
    MetricGroup jvm = process.addGroup("Status").addGroup("JVM");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    usage(jvm.addGroup("Memory").addGroup("Heap"), memory::getHeapMemoryUsage);
    usage(jvm.addGroup("Memory").addGroup("NonHeap"), memory::getNonHeapMemoryUsage);
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        MetricGroup direct = jvm.addGroup("Memory").addGroup("Direct");
        direct.gauge("Count", (Gauge<Long>) pool::getCount);
        direct.gauge("MemoryUsed", (Gauge<Long>) pool::getMemoryUsed);
        direct.gauge("TotalCapacity", (Gauge<Long>) pool::getTotalCapacity);
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      MetricGroup g = jvm.addGroup("GarbageCollector").addGroup(gc.getName().replace(' ', '_'));
      g.gauge("Count", (Gauge<Long>) gc::getCollectionCount);
      g.gauge("Time", (Gauge<Long>) gc::getCollectionTime);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    jvm.addGroup("Threads").gauge("Count", (Gauge<Integer>) threads::getThreadCount);
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    MetricGroup loader = jvm.addGroup("ClassLoader");
    loader.gauge("ClassesLoaded", (Gauge<Long>) classes::getTotalLoadedClassCount);
    loader.gauge("ClassesUnloaded", (Gauge<Long>) classes::getUnloadedClassCount);
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      MetricGroup cpu = jvm.addGroup("CPU");
      cpu.gauge("Load", (Gauge<Double>) os::getProcessCpuLoad);
      cpu.gauge("Time", (Gauge<Long>) os::getProcessCpuTime);
    }
  }

  private static void usage(MetricGroup group, Supplier<MemoryUsage> usage) {
    group.gauge("Used", (Gauge<Long>) () -> usage.get().getUsed());
    group.gauge("Committed", (Gauge<Long>) () -> usage.get().getCommitted());
    group.gauge("Max", (Gauge<Long>) () -> usage.get().getMax());
  }
}
