package io.nagare.state.rocksdb;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The managed memory of a process's RocksDB instances: one block cache of the managed size that
 * all of them share, to which their write buffers (memtables) are charged through one write buffer
 * manager, so block cache and memtables of every instance together stay within it; index and
 * filter blocks are kept in the cache too. Created the first time a backend is asked for with a
 * managed size ({@code taskmanager.memory.managed.size}, which the YARN ApplicationMaster sets for
 * each task manager from its container's split), and kept for the life of the process.
 *
 * <p>Thread-safe: the instance is published under the class lock; RocksDB's cache and write
 * buffer manager are thread-safe.
 */
public final class RocksDBMemory {
  /** The process's instance; guarded by the class. */
  private static RocksDBMemory shared;

  static {
    RocksDB.loadLibrary();
  }

  private final long bytes;
  private final LRUCache cache;
  private final WriteBufferManager writeBuffers;

  /**
   * A mutable memtable can grow past the write buffer manager's limit by up to half of it before a
   * flush frees it, and that overshoot is charged to the cache too: so the cache gets (3 - r) / 3 of
   * the managed size and the write buffers 2 r / 3 (r: the write buffer ratio), which keeps their
   * sum within the managed size (the split Flink users know from its RocksDB memory management).
   */
  private RocksDBMemory(long bytes, double writeBufferRatio) {
    this.bytes = bytes;
    this.cache = new LRUCache((long) (bytes * (3 - writeBufferRatio) / 3), -1, false, 0.1);
    this.writeBuffers = new WriteBufferManager((long) (bytes * 2 * writeBufferRatio / 3), cache);
  }

  /**
   * The process's managed memory for RocksDB, created with {@code bytes} and {@code writeBufferRatio}
   * on the first call; later calls get the same, whatever they ask for.
   *
   * @throws IllegalArgumentException if {@code bytes} is not positive or the ratio not in (0, 1]
   */
  public static synchronized RocksDBMemory ofProcess(long bytes, double writeBufferRatio) {
    if (shared == null) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("Managed memory for RocksDB must be positive, was " + bytes + " bytes");
      }
      if (!(writeBufferRatio > 0 && writeBufferRatio <= 1)) {
        throw new IllegalArgumentException("state.backend.rocksdb.memory.write-buffer-ratio must be in (0, 1], was "
            + writeBufferRatio);
      }
      shared = new RocksDBMemory(bytes, writeBufferRatio);
    }
    return shared;
  }

  /** The managed size, in bytes. */
  public long bytes() {
    return bytes;
  }

  /** Bytes the block cache holds now: cached blocks, index and filter blocks, and charged write buffers. */
  public long usage() {
    return cache.getUsage();
  }

  Cache cache() {
    return cache;
  }

  WriteBufferManager writeBuffers() {
    return writeBuffers;
  }
}
