package io.nagare.bench;

import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.fs.HadoopFileSystems;
import io.nagare.runtime.checkpoint.CheckpointStorage;
import io.nagare.runtime.checkpoint.JobRestore;
import io.nagare.runtime.checkpoint.OperatorRestore;
import io.nagare.runtime.checkpoint.SharedFiles;
import io.nagare.runtime.checkpoint.TaskStateFile;
import io.nagare.runtime.checkpoint.TaskStateHandle;
import io.nagare.serialization.LongSerializer;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.StateBlock;
import io.nagare.state.heap.HeapKeyedStateBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A benchmark, not a test: one heap backend subtask holding every key group of {@code <gigabytes>}
 * GB of keyed state (values of 1,000 bytes) checkpoints it through the runtime's path (state view
 * on this thread, {@link TaskStateFile} streamed by a separate I/O thread into a checkpoint
 * directory on the local disk, metadata; the file system is loaded before the clock starts), then
 * restores it through {@link JobRestore} as the only subtask and as subtask 0 of 4. Prints one line
 * of times, file size and peak memory, e.g. {@code HS state_gb=4 keys=4248236 ...}; {@code
 * peak_heap} figures are the summed peaks of the heap's memory pools during each phase, {@code
 * peak_rss} the process's high-water mark. Run by {@code scripts/bench.sh HS [gigabytes]}: {@code
 * main <gigabytes> <work directory>}.
 */
public final class HeapStateBenchmark {
  private static final int KEY_GROUPS = 128;
  private static final int VALUE_BYTES = 1000;
  /** A serialised entry: the long key, the one-byte void namespace, the value's var-int length and bytes. */
  private static final int ENTRY_BYTES = 8 + 1 + 2 + VALUE_BYTES;
  @SuppressWarnings("unchecked")
  private static final ValueStateDescriptor<byte[]> PAYLOAD = new ValueStateDescriptor<>("payload",
      (TypeInformation<byte[]>) Types.PRIMITIVE_ARRAY(Types.BYTE));

  private HeapStateBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: HeapStateBenchmark <gigabytes> <work directory>");
      System.exit(2);
    }
    double gigabytes = Double.parseDouble(args[0]);
    Path work = Path.of(args[1]);
    long keys = (long) (gigabytes * (1L << 30) / ENTRY_BYTES);
    StringBuilder line = new StringBuilder(String.format("HS state_gb=%s keys=%d", args[0], keys));

    String checkpoint = fillAndCheckpoint(keys, work, line);
    line.append(restore(checkpoint, 1, keys, "restore"));
    line.append(restore(checkpoint, 4, keys, "restore_quarter"));
    line.append(" peak_rss=").append(peakRss());
    System.out.println(line);
  }

  /**
   * Fills a backend with {@code keys} values and checkpoints it under {@code work}; returns the
   * checkpoint's directory. Nothing of the filled state stays reachable after it returns.
   */
  private static String fillAndCheckpoint(long keys, Path work, StringBuilder line) throws Exception {
    long start = System.nanoTime();
    HeapKeyedStateBackend<Long> backend = backend(new KeyGroupRange(0, KEY_GROUPS - 1));
    ValueState<byte[]> payload = backend.getOrCreateKeyedState(PAYLOAD);
    for (long k = 0; k < keys; k++) {
      backend.setCurrentKey(k);
      byte[] value = new byte[VALUE_BYTES];
      value[0] = (byte) k;
      value[VALUE_BYTES - 1] = (byte) (k >>> 8);
      payload.update(value);
    }
    line.append(String.format(" fill_s=%.1f heap_after_fill=%s", seconds(start), gb(heapInUse())));

    String checkpoints = Files.createDirectories(work.resolve("checkpoints")).toUri().toString();
    CheckpointStorage storage = new CheckpointStorage(checkpoints, "heap-state-benchmark");
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "benchmark-checkpoint-io"));
    HadoopFileSystems.of(storage.jobDirectory());
    resetPeaks();
    start = System.nanoTime();
    KeyedStateSnapshot snapshot = backend.snapshot(1, false);
    long syncNanos = System.nanoTime() - start;
    TaskStateHandle handle = io.submit(() -> {
      SharedFiles shared = storage.sharedFiles(1);
      return storage.writeTaskState(1, 0, 0, shared, out -> TaskStateFile.write(List.of(new Operator(snapshot)), out,
          shared));
    }).get();
    snapshot.release();
    storage.writeMetadata(1, System.currentTimeMillis(), List.of(handle), Map.of("benchmark", KEY_GROUPS), Map.of());
    io.shutdown();
    line.append(String.format(" checkpoint_sync_ms=%.1f checkpoint_s=%.1f file_bytes=%d checkpoint_peak_heap=%s",
        syncNanos / 1e6, seconds(start), handle.size(), gb(peakHeap())));
    backend.close();
    return storage.checkpointDirectory(1).toString();
  }

  /** Restores the checkpoint as subtask 0 of {@code parallelism}, checks its entries, and reports. */
  private static String restore(String checkpoint, int parallelism, long keys, String name) throws Exception {
    System.gc();
    resetPeaks();
    long start = System.nanoTime();
    KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperatorIndex(KEY_GROUPS, parallelism, 0);
    OperatorRestore restore = JobRestore.read(checkpoint).forOperator("benchmark", 0, parallelism);
    HeapKeyedStateBackend<Long> backend = backend(range);
    for (StateBlock block : restore.keyedState()) {
      backend.restore(block);
    }
    ValueState<byte[]> payload = backend.getOrCreateKeyedState(PAYLOAD);
    double took = seconds(start);
    long expected = 0;
    for (long k = 0; k < keys; k++) {
      if (range.contains(KeyGroupRangeAssignment.assignToKeyGroup(k, KEY_GROUPS))) {
        expected++;
        backend.setCurrentKey(k);
        byte[] value = payload.value();
        if (value[0] != (byte) k || value[VALUE_BYTES - 1] != (byte) (k >>> 8)) {
          throw new AssertionError(name + " restored a wrong value for key " + k);
        }
      }
    }
    if (backend.numKeyValueStateEntries() != expected) {
      throw new AssertionError(name + " restored " + backend.numKeyValueStateEntries() + " entries, not " + expected);
    }
    String result = String.format(" %s_s=%.1f %s_entries=%d %s_peak_heap=%s", name, took, name, expected, name,
        gb(peakHeap()));
    backend.close();
    return result;
  }

  private static HeapKeyedStateBackend<Long> backend(KeyGroupRange range) {
    return new HeapKeyedStateBackend<>(LongSerializer.INSTANCE, KEY_GROUPS, range);
  }

  /** The benchmark's one operator: keyed state only. */
  private record Operator(KeyedStateSnapshot keyedState) implements TaskStateFile.OperatorState {
    @Override
    public String operatorId() {
      return "benchmark";
    }

    @Override
    public void writeTimers(io.nagare.serialization.DataOutputViewStream out, io.nagare.state.SnapshotTarget target) {}

    @Override
    public byte[] otherState() {
      return new byte[8];
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long heapInUse() {
    System.gc();
    return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private static String gb(long bytes) {
    return String.format("%.2fGB", bytes / (double) (1L << 30));
  }

  /** The process's resident set high-water mark as Linux reports it, or "unknown". */
  private static String peakRss() throws java.io.IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown";
    }
    for (String l : Files.readAllLines(status)) {
      if (l.startsWith("VmHWM:")) {
        long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
        return gb(kb * 1024);
      }
    }
    return "unknown";
  }
}
