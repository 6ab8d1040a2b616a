package io.nagare.runtime.tasks;

import io.nagare.api.metrics.Gauge;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.metrics.MeterView;
import io.nagare.metrics.ReadOnlyCounter;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.RecordWriter;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A subtask's task-level metrics, with Flink's names: records and bytes in (from the network) and
 * out (to it) with their rates, the milliseconds per second it was idle (no input), back-pressured
 * (no free output buffer) and busy (the rest), how full its output buffer pools and input channels
 * are (buffers queued; share of receive buffers in use), and for the
 * last checkpoint how long barrier alignment took (ns, from the first barrier to the last) and how
 * long after the trigger its last barrier arrived (ms).
 *
 * <p>The subtask's thread adds to the times and byte counts; the metrics thread reads them. The two
 * times are volatile (they change once per wait, not per record); the byte count is a plain field
 * read as a recent value, as the record counts are.
 */
final class TaskIOMetrics {
  private volatile long idleNanos;
  private volatile long backPressuredNanos;
  private long bytesIn;
  private volatile long lastAlignmentNanos;
  private volatile long lastStartDelayMillis;

  void addIdle(long nanos) {
    idleNanos += nanos;
  }

  void addBackPressured(long nanos) {
    backPressuredNanos += nanos;
  }

  /**
   * A checkpoint's barriers have all arrived: the alignment took {@code nanos} from the first
   * barrier, and the last barrier arrived {@code startDelayMillis} after the checkpoint was triggered.
   */
  void alignmentEnded(long nanos, long startDelayMillis) {
    lastAlignmentNanos = nanos;
    lastStartDelayMillis = startDelayMillis;
  }

  void addBytesIn(int bytes) {
    bytesIn += bytes;
  }

  /** Registers the metrics in {@code group}; {@code recordsIn} counts the head operator's network input. */
  void register(GenericMetricGroup group, LongSupplier recordsIn, List<RecordWriter<?>> writers,
      List<InputChannel> inputs) {
    ReadOnlyCounter in = group.counter("numRecordsIn", new ReadOnlyCounter(recordsIn));
    ReadOnlyCounter out = group.counter("numRecordsOut", new ReadOnlyCounter(() -> sum(writers, false)));
    ReadOnlyCounter bytesInCounter = group.counter("numBytesIn", new ReadOnlyCounter(() -> bytesIn));
    ReadOnlyCounter bytesOutCounter = group.counter("numBytesOut", new ReadOnlyCounter(() -> sum(writers, true)));
    group.meter("numRecordsInPerSecond", in);
    group.meter("numRecordsOutPerSecond", out);
    group.meter("numBytesInPerSecond", bytesInCounter);
    group.meter("numBytesOutPerSecond", bytesOutCounter);
    MeterView idle = (MeterView) group.meter("idleTimeMsPerSecond", new ReadOnlyCounter(() -> idleNanos / 1_000_000));
    MeterView backPressured = (MeterView) group.meter("backPressuredTimeMsPerSecond", new ReadOnlyCounter(
        () -> (backPressuredNanos + poolWaitNanos(writers)) / 1_000_000));
    group.gauge("busyTimeMsPerSecond", (Gauge<Double>) () -> Math.max(0, 1000 - idle.getRate()
        - backPressured.getRate()));
    io.nagare.api.metrics.MetricGroup buffers = group.addGroup("buffers");
    buffers.gauge("outPoolUsage", (Gauge<Double>) () -> outPoolUsage(writers));
    buffers.gauge("outputQueueLength", (Gauge<Integer>) () -> outputQueueLength(writers));
    buffers.gauge("inPoolUsage", (Gauge<Double>) () -> inPoolUsage(inputs));
    buffers.gauge("inputQueueLength", (Gauge<Integer>) () -> inputQueueLength(inputs));
    group.gauge("checkpointAlignmentTime", (Gauge<Long>) () -> lastAlignmentNanos);
    group.gauge("checkpointStartDelayMillis", (Gauge<Long>) () -> lastStartDelayMillis);
  }

  private static long sum(List<RecordWriter<?>> writers, boolean bytes) {
    long total = 0;
    for (RecordWriter<?> w : writers) {
      total += bytes ? w.bytesOut() : w.recordsOut();
    }
    return total;
  }

  private static long poolWaitNanos(List<RecordWriter<?>> writers) {
    long total = 0;
    for (RecordWriter<?> w : writers) {
      total += w.pool().waitNanos();
    }
    return total;
  }

  /** Buffers waiting in every input channel for this subtask to read them. */
  private static int inputQueueLength(List<InputChannel> inputs) {
    int queued = 0;
    for (InputChannel c : inputs) {
      queued += c.queuedBuffers();
    }
    return queued;
  }

  /** The fullest remote input channel's share of receive buffers in use, 0 without remote inputs. */
  private static double inPoolUsage(List<InputChannel> inputs) {
    double usage = 0;
    for (InputChannel c : inputs) {
      usage = Math.max(usage, c.receiveBufferUsage());
    }
    return usage;
  }

  /** Buffers of this subtask's output pools in use: filled and not yet read, or being filled. */
  private static int outputQueueLength(List<RecordWriter<?>> writers) {
    int used = 0;
    for (RecordWriter<?> w : writers) {
      used += w.pool().capacity() - w.pool().numFree();
    }
    return used;
  }

  /** The fullest output pool's share of buffers in use, 0 without outputs. */
  private static double outPoolUsage(List<RecordWriter<?>> writers) {
    double usage = 0;
    for (RecordWriter<?> w : writers) {
      usage = Math.max(usage, 1 - w.pool().numFree() / (double) w.pool().capacity());
    }
    return usage;
  }
}
