package io.nagare.state;

import io.nagare.api.serialization.DataOutputView;
import java.io.IOException;

/**
 * A consistent view of one subtask's keyed state: taken on the subtask's thread by {@link
 * KeyedStateBackend#snapshot}, written out by the checkpoint I/O thread while the subtask goes on
 * processing. Each snapshot is written at most once and released exactly once.
 */
public interface KeyedStateSnapshot {
  /** First int of the canonical format (see {@code HeapKeyedStateBackend#snapshot}). */
  int CANONICAL_FORMAT = 1;
  /** First int of a RocksDB checkpoint of the database's own files (see {@code RocksDBKeyedStateBackend}). */
  int ROCKSDB_FILES_FORMAT = 0x4e524442;

  /** Writes the snapshot's bytes to {@code out}, putting any shared files through {@code target}. I/O thread. */
  void write(DataOutputView out, SnapshotTarget target) throws IOException;

  /** Frees what the view holds (copied bytes, local hard links). Any thread; called once, written or not. */
  void release();

  /** A snapshot that was serialised in full on the subtask's thread. */
  static KeyedStateSnapshot ofBytes(byte[] bytes) {
    return new KeyedStateSnapshot() {
      @Override
      public void write(DataOutputView out, SnapshotTarget target) throws IOException {
        out.write(bytes);
      }

      @Override
      public void release() {}
    };
  }
}
