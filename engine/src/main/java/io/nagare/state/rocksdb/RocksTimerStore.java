package io.nagare.state.rocksdb;

import io.nagare.state.KeyGroupedTimerStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * The timers of one time domain in a column family of the backend's database ({@value #PREFIX}
 * followed by the domain), so incremental checkpoints hold them as files and a change of parallelism
 * copies them by key group like any state. A RocksDB key is the key group (2 bytes, big-endian), the
 * timestamp (8 bytes, big-endian, sign bit flipped so that byte order is numeric order), then the
 * serialised key and namespace; the value is empty. Key-group-first keeps each key group a
 * contiguous range, as with keyed state; the timer service keeps the order across key groups.
 *
 * <p>Owned by the subtask's thread.
 */
final class RocksTimerStore implements KeyGroupedTimerStore {
  /** The column family name prefix of timers; user states of such a name are refused. */
  static final String PREFIX = "_timer_state/";
  private static final byte[] EMPTY = new byte[0];

  private final RocksDB db;
  private final ColumnFamilyHandle family;
  private final WriteOptions writeOptions;

  RocksTimerStore(RocksDB db, ColumnFamilyHandle family, WriteOptions writeOptions) {
    this.db = db;
    this.family = family;
    this.writeOptions = writeOptions;
  }

  static String familyName(String domain) {
    return PREFIX + domain;
  }

  /** The domain of a timer column family's {@code name}, or null if it holds no timers. */
  static String domainOf(String name) {
    return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : null;
  }

  static byte[] rocksKey(int keyGroup, Entry entry) {
    byte[] bytes = entry.keyAndNamespace();
    byte[] key = new byte[10 + bytes.length];
    key[0] = (byte) (keyGroup >>> 8);
    key[1] = (byte) keyGroup;
    long t = entry.timestamp() ^ Long.MIN_VALUE;
    for (int i = 0; i < 8; i++) {
      key[2 + i] = (byte) (t >>> (56 - 8 * i));
    }
    System.arraycopy(bytes, 0, key, 10, bytes.length);
    return key;
  }

  static Entry entryOf(byte[] key) {
    long t = 0;
    for (int i = 0; i < 8; i++) {
      t = (t << 8) | (key[2 + i] & 0xff);
    }
    return new Entry(t ^ Long.MIN_VALUE, Arrays.copyOfRange(key, 10, key.length));
  }

  static int keyGroupOf(byte[] key) {
    return (key[0] & 0xff) << 8 | (key[1] & 0xff);
  }

  @Override
  public void add(int keyGroup, Entry entry) {
    try {
      db.put(family, writeOptions, rocksKey(keyGroup, entry), EMPTY);
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot store a timer in RocksDB: " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(int keyGroup, Entry entry) {
    try {
      db.delete(family, writeOptions, rocksKey(keyGroup, entry));
    } catch (RocksDBException e) {
      throw new IllegalStateException("Cannot delete a timer in RocksDB: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Entry> read(int keyGroup, Entry after, int max) {
    List<Entry> entries = new ArrayList<>();
    byte[] start = after == null ? RocksDBKeyedStateBackend.keyGroupPrefix(keyGroup) : rocksKey(keyGroup, after);
    try (Slice end = new Slice(RocksDBKeyedStateBackend.keyGroupPrefix(keyGroup + 1));
        ReadOptions read = new ReadOptions().setIterateUpperBound(end);
        RocksIterator it = db.newIterator(family, read)) {
      it.seek(start);
      if (after != null && it.isValid() && Arrays.equals(it.key(), start)) {
        it.next();
      }
      for (; it.isValid() && entries.size() < max; it.next()) {
        entries.add(entryOf(it.key()));
      }
    }
    return entries;
  }

  @Override
  public int count(int keyGroup) {
    int n = 0;
    for (List<Entry> page = read(keyGroup, null, 1024); !page.isEmpty();
        page = page.size() < 1024 ? List.of() : read(keyGroup, page.get(page.size() - 1), 1024)) {
      n += page.size();
    }
    return n;
  }

  /** Passes every timer of {@code family} to {@code timers}, with its key group. */
  static void readAll(RocksDB db, ColumnFamilyHandle family, ObjIntConsumer<Entry> timers) {
    try (RocksIterator it = db.newIterator(family)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        timers.accept(entryOf(key), keyGroupOf(key));
      }
    }
  }
}
