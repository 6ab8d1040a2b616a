package io.nagare.runtime.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.serialization.LongSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyedStateBackend;
import io.nagare.state.heap.HeapKeyedStateBackend;
import io.nagare.state.rocksdb.RocksDBKeyedStateBackend;
import io.nagare.testing.ManualProcessingTimeService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timers in RocksDB ({@link StoredTimerQueue} over the RocksDB backend's timer column families)
 * fire as heap timers do: in timestamp order, once per (key, namespace, timestamp), never when
 * deleted, up to the watermark or clock only, whatever the timestamps (negative, {@code
 * Long.MAX_VALUE}) and however many share a key group (more than a key group's cache holds).
 */
class RocksDBTimerQueueTest {
  private static final int KEY_GROUPS = 128;

  @TempDir
  Path dir;
  private final List<KeyedStateBackend<Long>> backends = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (KeyedStateBackend<Long> b : backends) {
      b.close();
    }
  }

  private RocksDBKeyedStateBackend<Long> rocks(KeyGroupRange range) {
    RocksDBKeyedStateBackend<Long> b = new RocksDBKeyedStateBackend<>(LongSerializer.INSTANCE, KEY_GROUPS, range,
        dir.toFile(), true);
    backends.add(b);
    return b;
  }

  private static InternalTimerService<Long, String> service(KeyedStateBackend<Long> backend,
      ManualProcessingTimeService clock, List<String> fired) {
    return new InternalTimerService<>(backend, clock, new Triggerable<>() {
      @Override
      public void onEventTime(TimerEntry<Long, String> t) {
        fired.add("event " + t.key() + " " + t.namespace() + " " + t.timestamp());
      }

      @Override
      public void onProcessingTime(TimerEntry<Long, String> t) {
        fired.add("processing " + t.key() + " " + t.namespace() + " " + t.timestamp());
      }
    }, StringSerializer.INSTANCE);
  }

  /** Registers and deletes the same random timers on both services, then fires them step by step. */
  @Test
  void firesTheSameTimersAsTheHeapInTimestampOrderOnceEachAndNotWhenDeleted() throws Exception {
    KeyGroupRange all = new KeyGroupRange(0, KEY_GROUPS - 1);
    ManualProcessingTimeService rocksClock = new ManualProcessingTimeService();
    ManualProcessingTimeService heapClock = new ManualProcessingTimeService();
    List<String> rocksFired = new ArrayList<>();
    List<String> heapFired = new ArrayList<>();
    RocksDBKeyedStateBackend<Long> rocksBackend = rocks(all);
    HeapKeyedStateBackend<Long> heapBackend = new HeapKeyedStateBackend<>(LongSerializer.INSTANCE, KEY_GROUPS, all);
    InternalTimerService<Long, String> rocks = service(rocksBackend, rocksClock, rocksFired);
    InternalTimerService<Long, String> heap = service(heapBackend, heapClock, heapFired);
    assertThat(rocks.isStoredWithKeyedState()).isTrue();
    assertThat(heap.isStoredWithKeyedState()).isFalse();

    Random random = new Random(7);
    long[] special = {Long.MIN_VALUE + 1, -5, 0, Long.MAX_VALUE};
    for (int i = 0; i < 20_000; i++) {
      long key = random.nextInt(300);
      String namespace = "w" + random.nextInt(3);
      long time = i % 50 == 0 ? special[random.nextInt(special.length)] : random.nextInt(2_000) - 100;
      for (KeyedStateBackend<Long> b : List.of(rocksBackend, heapBackend)) {
        b.setCurrentKey(key);
      }
      boolean delete = random.nextInt(5) == 0;
      boolean event = random.nextBoolean();
      for (InternalTimerService<Long, String> s : List.of(rocks, heap)) {
        if (delete && event) {
          s.deleteEventTimeTimer(namespace, time);
        } else if (delete) {
          s.deleteProcessingTimeTimer(namespace, time);
        } else if (event) {
          s.registerEventTimeTimer(namespace, time);
        } else {
          s.registerProcessingTimeTimer(namespace, time);
        }
      }
    }
    assertThat(rocks.numEventTimeTimers()).isEqualTo(heap.numEventTimeTimers()).isGreaterThan(5_000);
    assertThat(rocks.numProcessingTimeTimers()).isEqualTo(heap.numProcessingTimeTimers()).isGreaterThan(5_000);

    for (long watermark : new long[] {-200, -1, 0, 500, 501, 1_899, Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
      rocksFired.clear();
      heapFired.clear();
      rocks.advanceWatermark(watermark);
      heap.advanceWatermark(watermark);
      rocksClock.setCurrentTime(watermark);
      heapClock.setCurrentTime(watermark);
      assertThat(rocksFired).as("fired up to %d", watermark).containsExactlyInAnyOrderElementsOf(heapFired);
      assertInTimestampOrder(rocksFired, "event ");
      assertInTimestampOrder(rocksFired, "processing ");
      for (String fired : rocksFired) {
        assertThat(Long.parseLong(fired.substring(fired.lastIndexOf(' ') + 1))).isLessThanOrEqualTo(watermark);
      }
    }
    assertThat(rocks.numEventTimeTimers()).isZero();
    assertThat(rocks.numProcessingTimeTimers()).as("processing-time timers at Long.MAX_VALUE never get a wake-up")
        .isEqualTo(heap.numProcessingTimeTimers());
  }

  private static void assertInTimestampOrder(List<String> fired, String domain) {
    long last = Long.MIN_VALUE;
    for (String f : fired) {
      if (f.startsWith(domain)) {
        long time = Long.parseLong(f.substring(f.lastIndexOf(' ') + 1));
        assertThat(time).as("%s after a timer at %d", f, last).isGreaterThanOrEqualTo(last);
        last = time;
      }
    }
  }

  @Test
  void aTimerRegisteredWhileFiringAtOrBeforeTheWatermarkFiresInTheSameAdvance() throws Exception {
    RocksDBKeyedStateBackend<Long> backend = rocks(new KeyGroupRange(0, KEY_GROUPS - 1));
    List<String> fired = new ArrayList<>();
    InternalTimerService<Long, String>[] self = new InternalTimerService[1];
    self[0] = new InternalTimerService<>(backend, new ManualProcessingTimeService(), new Triggerable<>() {
      @Override
      public void onEventTime(TimerEntry<Long, String> t) {
        fired.add(t.key() + "@" + t.timestamp());
        if (t.timestamp() < 103) {
          self[0].registerEventTimeTimer("n", t.timestamp() + 1);
        }
      }

      @Override
      public void onProcessingTime(TimerEntry<Long, String> t) {}
    }, StringSerializer.INSTANCE);
    backend.setCurrentKey(9L);
    self[0].registerEventTimeTimer("n", 100);

    self[0].advanceWatermark(102);

    assertThat(fired).containsExactly("9@100", "9@101", "9@102");
    assertThat(self[0].numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void aUserStateCannotTakeTheNameOfATimerColumnFamily() {
    RocksDBKeyedStateBackend<Long> backend = rocks(new KeyGroupRange(0, KEY_GROUPS - 1));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.getOrCreateKeyedState(
        new io.nagare.api.state.ValueStateDescriptor<>("_timer_state/event", io.nagare.api.typeinfo.Types.LONG)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state '_timer_state/event' has a name reserved for timers (prefix '_timer_state/');"
            + " choose another name");
  }

  /** The timers of a key group stay in its range of the column family, so restoring by key group restores them. */
  @Test
  void aCheckpointOfRocksDBFilesRestoresEachKeyGroupsTimersIntoTheSubtaskOwningIt() throws Exception {
    RocksDBKeyedStateBackend<Long> before = rocks(new KeyGroupRange(0, KEY_GROUPS - 1));
    InternalTimerService<Long, String> timers = service(before, new ManualProcessingTimeService(), new ArrayList<>());
    for (long k = 0; k < 3_000; k++) {
      before.setCurrentKey(k);
      timers.registerEventTimeTimer("e", 10_000 - k);
      timers.registerProcessingTimeTimer("p", 50_000 + k);
    }
    io.nagare.state.KeyedStateSnapshot snapshot = before.snapshot(1, false);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    io.nagare.serialization.DataOutputViewStream out = new io.nagare.serialization.DataOutputViewStream(bytes);
    snapshot.write(out, new io.nagare.testing.LocalSharedDirectory(dir.resolve("shared")));
    java.io.ByteArrayOutputStream timerBytes = new java.io.ByteArrayOutputStream();
    snapshot.writeTimers(new io.nagare.serialization.DataOutputViewStream(timerBytes), null);
    snapshot.release();
    out.flush();
    byte[] files = bytes.toByteArray();
    assertThat(new java.io.DataInputStream(new java.io.ByteArrayInputStream(files)).readInt())
        .isEqualTo(io.nagare.state.KeyedStateSnapshot.ROCKSDB_FILES_FORMAT);
    assertThat(timerBytes.size()).as("timers written apart from the RocksDB files").isZero();

    List<String> all = new ArrayList<>();
    for (int subtask = 0; subtask < 3; subtask++) {
      KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperatorIndex(KEY_GROUPS, 3, subtask);
      RocksDBKeyedStateBackend<Long> after = rocks(range);
      after.restore(io.nagare.state.StateBlock.of(files));
      ManualProcessingTimeService clock = new ManualProcessingTimeService();
      List<String> fired = new ArrayList<>();
      InternalTimerService<Long, String> restored = service(after, clock, fired);
      restored.advanceWatermark(Long.MAX_VALUE);
      clock.setCurrentTime(Long.MAX_VALUE);
      for (String f : fired) {
        long key = Long.parseLong(f.split(" ")[1]);
        assertThat(range.contains(KeyGroupRangeAssignment.assignToKeyGroup(key, KEY_GROUPS))).isTrue();
      }
      all.addAll(fired);
    }
    List<String> expected = new ArrayList<>();
    for (long k = 0; k < 3_000; k++) {
      expected.add("event " + k + " e " + (10_000 - k));
      expected.add("processing " + k + " p " + (50_000 + k));
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
  }
}
