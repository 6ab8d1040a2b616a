package io.nagare.state;

import io.nagare.serialization.DataOutputViewStream;
import java.io.IOException;

/**
 * A consistent view of one subtask's keyed state: taken on the subtask's thread by {@link
 * KeyedStateBackend#snapshot}, written out by the checkpoint I/O thread while the subtask goes on
 * processing, streamed into the checkpoint file (no copy of the whole state is made). Each snapshot
 * is written at most once and released exactly once.
 */
public interface KeyedStateSnapshot {
  /**
   * First int of the canonical format: every state, key group by key group, with a key-group index
   * ({@link KeyGroupedStateWriter}; written by {@code HeapKeyedStateBackend#snapshot}).
   */
  int CANONICAL_FORMAT = KeyGroupedStateWriter.VERSION;
  /** First int of the canonical format before serializer snapshots (still read, with the present serializers). */
  int CANONICAL_FORMAT_V2 = KeyGroupedStateWriter.VERSION_WITHOUT_SCHEMAS;
  /** First int of the canonical format before the index (still read; see {@link RestoredKeyedState}). */
  int CANONICAL_FORMAT_V1 = 1;
  /** First int of a RocksDB checkpoint of the database's own files (see {@code RocksDBKeyedStateBackend}). */
  int ROCKSDB_FILES_FORMAT = 0x4e524442;

  /** Writes the snapshot's bytes to {@code out}, putting any shared files through {@code target}. I/O thread. */
  void write(DataOutputViewStream out, SnapshotTarget target) throws IOException;

  /**
   * Writes, after {@link #write}, the timers the backend keeps with its keyed state as a timers block
   * (the format of {@code InternalTimerService#snapshot}) if the format {@code write} chose does not
   * hold them (the canonical one); else nothing. I/O thread.
   */
  default void writeTimers(DataOutputViewStream out, SnapshotTarget target) throws IOException {}

  /** Frees what the view holds (copied bytes, local hard links). Any thread; called once, written or not. */
  void release();
}
