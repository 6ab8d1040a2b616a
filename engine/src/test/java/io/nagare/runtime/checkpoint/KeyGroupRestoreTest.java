package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.file.CountingTestFileSystem;
import io.nagare.runtime.timers.InternalTimerService;
import io.nagare.runtime.timers.TimerEntry;
import io.nagare.runtime.timers.Triggerable;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.serialization.ListSerializer;
import io.nagare.serialization.LongSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.StateSchema;
import io.nagare.state.VoidNamespace;
import io.nagare.state.VoidNamespaceSerializer;
import io.nagare.state.heap.HeapKeyedStateBackend;
import io.nagare.testing.ManualProcessingTimeService;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subtask restoring keyed heap state and timers from a checkpoint file reads the file's footer,
 * each block's key-group index and the bytes of its own key groups, and nothing else: the bytes it
 * reads (counted by the {@code testfs:} file system) are computed from the sizes of its own
 * entries and of the documented index layout.
 */
class KeyGroupRestoreTest {
  private static final int KEY_GROUPS = 128;
  private static final int OLD_PARALLELISM = 1;
  private static final int NEW_PARALLELISM = 4;
  private static final int KEYS = 4000;
  private static final ValueStateDescriptor<Long> VALUE = new ValueStateDescriptor<>("value", Types.LONG);
  private static final ListStateDescriptor<String> NAMES = new ListStateDescriptor<>("names", Types.STRING);
  private static final ListSerializer<String> NAMES_SERIALIZER = new ListSerializer<>(StringSerializer.INSTANCE);

  @TempDir
  Path dir;
  private TaskStateFile.OperatorPart written;
  private org.apache.hadoop.fs.Path file;
  private TaskStateHandle handle;

  /** Checkpoints one subtask holding every key group: a value for every key, names for every third, timers. */
  @BeforeEach
  void writeCheckpointOfOneSubtask() throws Exception {
    HeapKeyedStateBackend<Long> backend = backend(new KeyGroupRange(0, KEY_GROUPS - 1));
    ValueState<Long> value = backend.getOrCreateKeyedState(VALUE);
    ListState<String> names = backend.getOrCreateKeyedState(NAMES);
    InternalTimerService<Long, VoidNamespace> timers = timers(backend, new ArrayList<>());
    for (long k = 0; k < KEYS; k++) {
      backend.setCurrentKey(k);
      value.update(10 * k);
      if (k % 3 == 0) {
        names.add("n" + k);
        names.add("m" + k);
      }
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, 1000 + k);
      if (k % 2 == 0) {
        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, 50_000 + k);
      }
    }
    KeyedStateSnapshot keyed = backend.snapshot(1, false);
    ByteArrayOutputStream timerBytes = new ByteArrayOutputStream();
    DataOutputViewStream timerOut = new DataOutputViewStream(timerBytes);
    timers.snapshot(timerOut);
    timerOut.flush();
    TaskStateFile.OperatorState operator = new TaskStateFile.OperatorState() {
      @Override
      public String operatorId() {
        return "keyed";
      }

      @Override
      public KeyedStateSnapshot keyedState() {
        return keyed;
      }

      @Override
      public void writeTimers(DataOutputViewStream out, io.nagare.state.SnapshotTarget target)
          throws java.io.IOException {
        out.write(timerBytes.toByteArray());
      }

      @Override
      public byte[] otherState() {
        return new byte[8];
      }
    };
    Path local = dir.resolve("0-0");
    long size;
    try (OutputStream stream = Files.newOutputStream(local)) {
      DataOutputViewStream out = new DataOutputViewStream(stream);
      TaskStateFile.write(List.of(operator), out, null);
      out.flush();
      size = out.position();
    }
    keyed.release();
    file = new org.apache.hadoop.fs.Path("testfs://" + local.toUri().getPath());
    handle = new TaskStateHandle(0, 0, file.toString(), size);
    written = TaskStateFile.read(handle).get(0);
    CountingTestFileSystem.resetBytesRead();
  }

  @Test
  void findingAnOperatorsBlocksReadsOnlyTheFilesVersionAndFooter() throws Exception {
    TaskStateFile.OperatorPart part = TaskStateFile.read(handle).get(0);

    DataOutputSerializer id = new DataOutputSerializer(16);
    id.writeUTF("keyed");
    long footer = 4 + id.length() + 4 * 8 + 8 + 2 * 8;
    assertThat(CountingTestFileSystem.bytesRead(file)).isEqualTo(4 + 8 + footer);
    assertThat(part.operatorId()).isEqualTo("keyed");
    assertThat(part.keyed().length() + part.timers().length() + footer + 4 + 8).isEqualTo(handle.size());
  }

  @Test
  void aSubtaskFileOfAnUnknownVersionIsRefusedNamingIt() throws Exception {
    Path local = dir.resolve("0-1");
    Files.write(local, new byte[] {0, 0, 0, 4, 0, 0, 0, 0});
    TaskStateHandle future = new TaskStateHandle(0, 1, local.toUri().toString(), 8);

    assertThatThrownBy(() -> TaskStateFile.read(future)).isInstanceOf(java.io.IOException.class)
        .hasMessage("Subtask state " + local.toUri() + " has version 4; this version reads 1 to 3");
  }

  @Test
  void aKeyedStateBlockOfAnUnknownVersionIsRefusedNamingIt() {
    HeapKeyedStateBackend<Long> backend = backend(new KeyGroupRange(0, KEY_GROUPS - 1));

    assertThatThrownBy(() -> backend.restore(io.nagare.state.StateBlock.of(new byte[] {0, 0, 0, 9})))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("Keyed state snapshot version 9 cannot be read (written by a later version of nagare?); this version"
            + " reads 1 to 3");
  }

  @Test
  void aRestoringSubtaskReadsOnlyTheIndexesAndItsOwnKeyGroups() throws Exception {
    for (int subtask = 0; subtask < NEW_PARALLELISM; subtask++) {
      KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperatorIndex(KEY_GROUPS, NEW_PARALLELISM, subtask);
      CountingTestFileSystem.resetBytesRead();

      restore(range, new ArrayList<>());

      byte[] longs = StateSchema.of(LongSerializer.INSTANCE, VoidNamespaceSerializer.INSTANCE, LongSerializer.INSTANCE)
          .toBytes();
      byte[] names = StateSchema.of(LongSerializer.INSTANCE, VoidNamespaceSerializer.INSTANCE, NAMES_SERIALIZER)
          .toBytes();
      long keyedBytes = 4 + 8 + indexBytes("value", "names") + 2 * 4 + longs.length + names.length
          + ownEntryBytes(range, false);
      long timerBytes = 4 + 8 + indexBytes("event", "processing") + 2 * (4 + longs.length) + ownEntryBytes(range, true);
      assertThat(CountingTestFileSystem.bytesRead(file)).as("bytes subtask %d of %d read", subtask, NEW_PARALLELISM)
          .isEqualTo(keyedBytes + timerBytes);
      assertThat(keyedBytes).as("what one subtask reads of the keyed state block")
          .isLessThan(written.keyed().length() / 3);
    }
  }

  @Test
  void subtasksAtAnotherParallelismTogetherRestoreEveryKeyAndTimerOnce() throws Exception {
    Set<Long> keys = new HashSet<>();
    List<TimerEntry<Long, VoidNamespace>> fired = new ArrayList<>();
    for (int subtask = 0; subtask < NEW_PARALLELISM; subtask++) {
      KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperatorIndex(KEY_GROUPS, NEW_PARALLELISM, subtask);
      List<TimerEntry<Long, VoidNamespace>> firedHere = new ArrayList<>();
      HeapKeyedStateBackend<Long> backend = restore(range, firedHere);
      ValueState<Long> value = backend.getOrCreateKeyedState(VALUE);
      ListState<String> names = backend.getOrCreateKeyedState(NAMES);
      for (long k : ownKeys(range)) {
        backend.setCurrentKey(k);
        assertThat(value.value()).isEqualTo(10 * k);
        assertThat(names.get()).containsExactlyElementsOf(k % 3 == 0 ? List.of("n" + k, "m" + k) : List.of());
        assertThat(keys.add(k)).as("key %d restored by one subtask only", k).isTrue();
      }
      assertThat(backend.numKeyValueStateEntries()).isEqualTo(ownKeys(range).size()
          + (int) ownKeys(range).stream().filter(k -> k % 3 == 0).count());
      for (TimerEntry<Long, VoidNamespace> t : firedHere) {
        assertThat(range.contains(KeyGroupRangeAssignment.assignToKeyGroup(t.key(), KEY_GROUPS))).isTrue();
      }
      fired.addAll(firedHere);
    }
    assertThat(keys).hasSize(KEYS);
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (long k = 0; k < KEYS; k++) {
      expected.add("event " + k + "@" + (1000 + k));
      if (k % 2 == 0) {
        expected.add("processing " + k + "@" + (50_000 + k));
      }
    }
    for (TimerEntry<Long, VoidNamespace> t : fired) {
      actual.add((t.timestamp() >= 50_000 ? "processing " : "event ") + t.key() + "@" + t.timestamp());
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Restores the written subtask's state as the subtask owning {@code range}; its timers fire into {@code fired}. */
  private HeapKeyedStateBackend<Long> restore(KeyGroupRange range, List<TimerEntry<Long, VoidNamespace>> fired)
      throws Exception {
    HeapKeyedStateBackend<Long> backend = backend(range);
    backend.restore(written.keyed());
    backend.getOrCreateKeyedState(VALUE);
    backend.getOrCreateKeyedState(NAMES);
    ManualProcessingTimeService clock = new ManualProcessingTimeService();
    InternalTimerService<Long, VoidNamespace> timers = new InternalTimerService<>(backend, clock,
        recorder(fired), VoidNamespaceSerializer.INSTANCE);
    timers.restore(written.timers());
    timers.advanceWatermark(Long.MAX_VALUE);
    clock.setCurrentTime(Long.MAX_VALUE);
    return backend;
  }

  private static HeapKeyedStateBackend<Long> backend(KeyGroupRange range) {
    return new HeapKeyedStateBackend<>(LongSerializer.INSTANCE, KEY_GROUPS, range);
  }

  private static InternalTimerService<Long, VoidNamespace> timers(HeapKeyedStateBackend<Long> backend,
      List<TimerEntry<Long, VoidNamespace>> fired) {
    return new InternalTimerService<>(backend, new ManualProcessingTimeService(), recorder(fired),
        VoidNamespaceSerializer.INSTANCE);
  }

  private static Triggerable<Long, VoidNamespace> recorder(List<TimerEntry<Long, VoidNamespace>> fired) {
    return new Triggerable<>() {
      @Override
      public void onEventTime(TimerEntry<Long, VoidNamespace> timer) {
        fired.add(timer);
      }

      @Override
      public void onProcessingTime(TimerEntry<Long, VoidNamespace> timer) {
        fired.add(timer);
      }
    };
  }

  private static List<Long> ownKeys(KeyGroupRange range) {
    List<Long> keys = new ArrayList<>();
    for (long k = 0; k < KEYS; k++) {
      if (range.contains(KeyGroupRangeAssignment.assignToKeyGroup(k, KEY_GROUPS))) {
        keys.add(k);
      }
    }
    return keys;
  }

  /**
   * The serialised size of the entries of the keys in {@code range}: of both keyed states (key,
   * namespace, value), or of the timers (timestamp, key, namespace).
   */
  private static long ownEntryBytes(KeyGroupRange range, boolean timers) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(1024);
    for (long k : ownKeys(range)) {
      if (timers) {
        out.writeLong(1000 + k);
        writeKeyAndNamespace(k, out);
        if (k % 2 == 0) {
          out.writeLong(50_000 + k);
          writeKeyAndNamespace(k, out);
        }
      } else {
        writeKeyAndNamespace(k, out);
        LongSerializer.INSTANCE.serialize(10 * k, out);
        if (k % 3 == 0) {
          writeKeyAndNamespace(k, out);
          NAMES_SERIALIZER.serialize(List.of("n" + k, "m" + k), out);
        }
      }
    }
    return out.length();
  }

  private static void writeKeyAndNamespace(long key, DataOutputSerializer out) throws Exception {
    LongSerializer.INSTANCE.serialize(key, out);
    VoidNamespaceSerializer.INSTANCE.serialize(VoidNamespace.INSTANCE, out);
  }

  /**
   * The size of a block's index over {@value #KEY_GROUPS} key groups with the given sections: int
   * count; per section UTF name, byte tag, int first key group, int number of key groups, a long
   * position per key group and one more, an int entry count per key group.
   */
  /** The bytes of an index of {@code sections}, leaving out their serializer snapshots. */
  private static long indexBytes(String... sections) {
    DataOutputSerializer names = new DataOutputSerializer(64);
    for (String s : sections) {
      names.writeUTF(s);
    }
    return 4 + names.length() + sections.length * (1 + 4 + 4 + 8L * (KEY_GROUPS + 1) + 4L * KEY_GROUPS);
  }
}
