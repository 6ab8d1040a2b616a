package io.nagare.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.runtime.operators.SnapshotRestoreTest;
import io.nagare.serialization.LongSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.InternalKvState;
import io.nagare.state.InternalMergingState;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.Snapshots;
import io.nagare.state.StateBlock;
import io.nagare.testing.LocalSharedDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB backend on its own: state semantics, incremental checkpoints of its files, and restores from them. */
class RocksDBKeyedStateBackendTest {
  @TempDir
  Path temp;

  private final List<RocksDBKeyedStateBackend<?>> opened = new ArrayList<>();

  private RocksDBKeyedStateBackend<String> backend() {
    RocksDBKeyedStateBackend<String> b = new RocksDBKeyedStateBackend<>(StringSerializer.INSTANCE, 128,
        new KeyGroupRange(0, 127), temp.resolve("db").toFile(), true);
    opened.add(b);
    return b;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(RocksDBKeyedStateBackend::close);
  }

  @Test
  void valueListMapReducingAndAggregatingStateKeepPerKeyValues() throws Exception {
    RocksDBKeyedStateBackend<String> b = backend();
    ValueState<Long> value = b.getOrCreateKeyedState(new ValueStateDescriptor<>("value", Types.LONG, 7L));
    ListState<String> list = b.getOrCreateKeyedState(new ListStateDescriptor<>("list", Types.STRING));
    MapState<String, Integer> map = b.getOrCreateKeyedState(new MapStateDescriptor<>("map", Types.STRING, Types.INT));
    ReducingState<Long> sum = b.getOrCreateKeyedState(new ReducingStateDescriptor<>("sum", Long::sum, Types.LONG));
    AggregatingState<String, Integer> length = b.getOrCreateKeyedState(new AggregatingStateDescriptor<>("length",
        new SnapshotRestoreTest.Length(), Types.INT));
    b.setCurrentKey("a");
    assertThat(value.value()).isEqualTo(7L);
    assertThat(list.get()).isEmpty();
    assertThat(sum.get()).isNull();
    value.update(1L);
    list.add("x");
    list.add("y");
    map.put("k", 1);
    map.put("j", 2);
    map.remove("k");
    sum.add(3L);
    sum.add(4L);
    length.add("abc");
    length.add("de");
    b.setCurrentKey("b");
    assertThat(value.value()).isEqualTo(7L);
    list.update(List.of("z"));
    b.setCurrentKey("a");
    assertThat(value.value()).isEqualTo(1L);
    assertThat(list.get()).containsExactly("x", "y");
    assertThat(map.contains("k")).isFalse();
    assertThat(map.entries()).containsExactly(Map.entry("j", 2));
    assertThat(sum.get()).isEqualTo(7L);
    assertThat(length.get()).isEqualTo(5);
    assertThat(b.numKeyValueStateEntries()).isEqualTo(6);
    map.remove("j");
    value.clear();
    assertThat(map.isEmpty()).isTrue();
    assertThat(b.numKeyValueStateEntries()).isEqualTo(4);
    assertThatThrownBy(() -> b.getOrCreateKeyedState(new ListStateDescriptor<>("value", Types.LONG)))
        .hasMessage("Keyed state 'value' is already registered as VALUE state; it cannot be registered again as LIST"
            + " state");
  }

  @Test
  @SuppressWarnings("unchecked")
  void namespacesAreSeparateAndMerge() throws Exception {
    RocksDBKeyedStateBackend<String> b = backend();
    ListState<String> list = b.getOrCreateKeyedState(LongSerializer.INSTANCE, new ListStateDescriptor<>("w",
        Types.STRING));
    InternalKvState<Long> kv = (InternalKvState<Long>) list;
    b.setCurrentKey("a");
    kv.setCurrentNamespace(1L);
    list.add("one");
    kv.setCurrentNamespace(2L);
    list.add("two");
    kv.setCurrentNamespace(3L);
    assertThat(list.get()).isEmpty();
    ((InternalMergingState<Long>) list).mergeNamespaces(3L, List.of(1L, 2L));
    assertThat(list.get()).containsExactlyInAnyOrder("one", "two");
    kv.setCurrentNamespace(1L);
    assertThat(list.get()).isEmpty();
    assertThat(b.numKeyValueStateEntries()).isEqualTo(1);
  }

  /**
   * The seeds' problem was checkpoints whose size grew with the state. With a constant change per
   * interval, each incremental checkpoint uploads the same few bytes (the one file the interval's
   * writes were flushed to) however large the state has grown, and references the rest.
   */
  @Test
  void incrementalCheckpointsUploadOnlyNewFilesWhateverTheStateSize() throws Exception {
    RocksDBKeyedStateBackend<String> b = backend();
    ValueState<String> value = b.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
    b.setAutoCompactions(false);
    LocalSharedDirectory shared = new LocalSharedDirectory(temp.resolve("shared"));
    List<Long> uploaded = new ArrayList<>();
    List<Long> full = new ArrayList<>();
    List<byte[]> checkpoints = new ArrayList<>();
    for (int round = 1; round <= 8; round++) {
      for (int i = 0; i < 2_000; i++) {
        b.setCurrentKey(round + "-" + i);
        value.update("value of key " + i + " written in round " + round);
      }
      checkpoints.add(checkpoint(b, round, shared.next()));
      assertThat(shared.uploaded()).as("round %d uploads one new file", round).hasSize(1);
      assertThat(shared.referenced()).as("round %d references the earlier files", round).hasSize(round - 1);
      uploaded.add(shared.uploadedBytes());
      full.add(shared.fullBytes());
      b.notifyCheckpointComplete(round);
    }
    assertThat(full.get(7)).isGreaterThan(7 * uploaded.get(0));
    for (long bytes : uploaded) {
      assertThat((double) bytes).isBetween(0.9 * uploaded.get(0), 1.1 * uploaded.get(0));
    }

    b.compactAll();
    checkpoints.add(checkpoint(b, 9, shared.next()));
    assertThat(shared.uploaded()).hasSize(1);
    assertThat(shared.referenced()).as("compaction replaced every earlier file").isEmpty();

    assertThat(restoredKeys(checkpoints.get(2))).isEqualTo(3 * 2_000);
    assertThat(restoredKeys(checkpoints.get(8))).isEqualTo(8 * 2_000);
    RocksDBKeyedStateBackend<String> restored = backend();
    restored.restore(StateBlock.of(checkpoints.get(4)));
    ValueState<String> v = restored.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
    restored.setCurrentKey("5-1999");
    assertThat(v.value()).isEqualTo("value of key 1999 written in round 5");
    restored.setCurrentKey("6-0");
    assertThat(v.value()).isNull();
  }

  @Test
  void aCheckpointAfterARestoreReusesTheRestoredFilesOnlyIfTheyAreInTheSharedDirectory() throws Exception {
    RocksDBKeyedStateBackend<String> b = backend();
    ValueState<String> value = b.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
    b.setCurrentKey("a");
    value.update("x");
    LocalSharedDirectory shared = new LocalSharedDirectory(temp.resolve("shared"));
    byte[] first = checkpoint(b, 1, shared.next());
    b.notifyCheckpointComplete(1);

    RocksDBKeyedStateBackend<String> same = backend();
    same.restore(StateBlock.of(first));
    same.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
    checkpoint(same, 2, shared.next());
    assertThat(shared.uploaded()).isEmpty();
    assertThat(shared.referenced()).hasSize(1);

    RocksDBKeyedStateBackend<String> otherJob = backend();
    otherJob.restore(StateBlock.of(first));
    LocalSharedDirectory otherShared = new LocalSharedDirectory(temp.resolve("other-shared"));
    checkpoint(otherJob, 2, otherShared);
    assertThat(otherShared.uploaded()).as("files of another job's checkpoint are copied, not referenced").hasSize(1);
    assertThat(otherShared.referenced()).isEmpty();
  }

  /**
   * Files that flushes and compactions write are uploaded as soon as they exist, so a checkpoint
   * adopts them instead of waiting for their upload; a file compacted away before any checkpoint
   * adopted it, and every file still unadopted when the backend closes, is deleted again. A file
   * whose upload has not started when a checkpoint needs it is uploaded by the checkpoint itself.
   */
  @Test
  void filesAreUploadedAheadAdoptedByCheckpointsAndDeletedWhenNoCheckpointTookThem() throws Exception {
    RocksDBKeyedStateBackend<String> b = backend();
    ValueState<String> value = b.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
    b.setAutoCompactions(false);
    LocalSharedDirectory shared = new LocalSharedDirectory(temp.resolve("shared")).withUploadsAhead();
    put(b, value, "first", 1_000);
    checkpoint(b, 1, shared.next());
    assertThat(shared.uploaded()).hasSize(1);
    b.notifyCheckpointComplete(1);

    put(b, value, "second", 1_000);
    b.flushAll();
    b.awaitUploadsAhead();
    checkpoint(b, 2, shared.next());
    assertThat(shared.uploaded()).isEmpty();
    assertThat(shared.adopted()).as("the file the flush wrote was uploaded as the flush wrote it").hasSize(1);
    assertThat(shared.referenced()).hasSize(1);
    b.notifyCheckpointComplete(2);
    List<String> keptByCheckpoints = shared.files();
    assertThat(keptByCheckpoints).hasSize(2);

    put(b, value, "third", 1_000);
    b.flushAll();
    b.compactAll();
    b.awaitUploadsAhead();
    byte[] third = checkpoint(b, 3, shared.next());
    assertThat(shared.uploaded()).isEmpty();
    assertThat(shared.referenced()).isEmpty();
    assertThat(shared.adopted()).as("the compaction's output, uploaded as compaction wrote it").hasSize(1);
    String compacted = shared.adopted().keySet().iterator().next();
    assertThat(shared.files()).as("the flushed file that compaction consumed before any checkpoint took it is gone")
        .containsExactlyInAnyOrderElementsOf(concat(keptByCheckpoints, compacted));

    put(b, value, "fourth", 1_000);
    b.flushAll();
    b.close();
    opened.remove(b);
    assertThat(shared.files()).as("no checkpoint took the last flushed file")
        .containsExactlyInAnyOrderElementsOf(concat(keptByCheckpoints, compacted));
    assertThat(restoredKeys(third)).isEqualTo(3_000);
  }

  @Test
  void aCheckpointDoesNotWaitForAnUploadStillQueuedButTakesTheFileOver() throws Exception {
    RocksDBKeyedStateBackend<String> b = backend();
    ValueState<String> value = b.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
    b.setAutoCompactions(false);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    LocalSharedDirectory shared = new LocalSharedDirectory(temp.resolve("shared")).withUploadsAhead();
    b.setSharedUploader(new io.nagare.state.SharedUploader() {
      @Override
      public String upload(Path localFile) throws java.io.IOException {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return shared.uploader().upload(localFile);
      }

      @Override
      public void delete(String path) throws java.io.IOException {
        shared.uploader().delete(path);
      }
    });
    put(b, value, "first", 100);
    b.flushAll();
    put(b, value, "second", 100);
    b.flushAll();
    b.compactAll();
    checkpoint(b, 1, shared.next());
    assertThat(shared.adopted()).as("the compaction's output was still queued behind a stuck upload").isEmpty();
    assertThat(shared.uploaded()).as("so the checkpoint uploaded it itself").hasSize(1);
    release.countDown();
    b.close();
    opened.remove(b);
    assertThat(shared.files()).as("uploads ahead of files compacted away, and the one taken over, leave nothing")
        .containsExactlyElementsOf(shared.uploaded().keySet());
  }

  private static List<String> concat(List<String> files, String file) {
    List<String> all = new ArrayList<>(files);
    all.add(file);
    return all;
  }

  private static void put(RocksDBKeyedStateBackend<String> b, ValueState<String> value, String prefix, int keys)
      throws Exception {
    for (int i = 0; i < keys; i++) {
      b.setCurrentKey(prefix + "-" + i);
      value.update("value " + i);
    }
  }

  private static byte[] checkpoint(RocksDBKeyedStateBackend<String> b, long id, LocalSharedDirectory target)
      throws Exception {
    KeyedStateSnapshot snapshot = b.snapshot(id, false);
    try {
      return Snapshots.bytesOf(snapshot, target);
    } finally {
      snapshot.release();
    }
  }

  private int restoredKeys(byte[] checkpoint) throws Exception {
    RocksDBKeyedStateBackend<String> restored = backend();
    restored.restore(StateBlock.of(checkpoint));
    restored.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
    return restored.numKeyValueStateEntries();
  }
}
