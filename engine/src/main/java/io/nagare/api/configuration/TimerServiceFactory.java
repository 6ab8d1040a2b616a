package io.nagare.api.configuration;

import java.util.Locale;

/**
 * Where a keyed operator on the RocksDB backend keeps its timers ({@code
 * state.backend.rocksdb.timer-service.factory}). The heap backend always keeps them on the heap.
 */
public enum TimerServiceFactory {
  /** In RocksDB, beside the keyed state, snapshotted with it off the subtask's thread (the default). */
  ROCKSDB,
  /** On the JVM heap, serialised on the subtask's thread at each checkpoint. */
  HEAP;

  /** The value as it is written in the configuration. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
