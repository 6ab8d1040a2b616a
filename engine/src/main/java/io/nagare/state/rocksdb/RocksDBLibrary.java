package io.nagare.state.rocksdb;

import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library ahead of the first backend. Loading extracts the library from
 * its jar and links it, about 150 ms, which a job would otherwise spend on a subtask's thread after
 * it was deployed; started when a job's configuration names RocksDB, it overlaps with the job's
 * remaining start-up (file systems, checkpoint directory, deployment).
 *
 * <p>Thread-safe: the load runs once per process, on a daemon thread of its own. A failed load is
 * logged there and fails again, with its cause, when a backend loads the library itself.
 */
public final class RocksDBLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDBLibrary.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private RocksDBLibrary() {}

  /** Starts loading the library in the background, once per process; returns at once. */
  public static void loadAhead() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread loader = new Thread(RocksDBLibrary::load, "nagare-rocksdb-loader");
    loader.setDaemon(true);
    loader.start();
  }

  private static void load() {
    try {
      RocksDB.loadLibrary();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Loading RocksDB's native library ahead of the first backend failed: {}", e.toString());
    }
  }
}
