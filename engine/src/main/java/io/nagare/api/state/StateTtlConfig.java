package io.nagare.api.state;

import java.io.Serializable;
import java.time.Duration;

/**
 * Time-to-live of keyed state, as in Flink: a value (a list element, a map entry) expires once
 * {@code ttl} of processing time has passed since it was last written (or read, with {@link
 * UpdateType#OnReadAndWrite}). Expired values are never returned (by default), are left out of
 * checkpoints, and are removed as state is accessed ({@link #cleanupIncrementally}) or when read.
 *
 * <pre>{@code
 * ValueStateDescriptor<Long> last = new ValueStateDescriptor<>("last", Types.LONG);
 * last.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofHours(1)).cleanupIncrementally(10, false).build());
 * }</pre>
 */
public final class StateTtlConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** When the time-to-live starts again. */
  public enum UpdateType { OnCreateAndWrite, OnReadAndWrite }

  /** Whether an expired value that has not been removed yet may still be returned. */
  public enum StateVisibility { NeverReturnExpired, ReturnExpiredIfNotCleanedUp }

  private final long ttlMillis;
  private final UpdateType updateType;
  private final StateVisibility visibility;
  private final int cleanupSize;
  private final boolean cleanupForEveryRecord;
  private final long scanIntervalMillis;

  private StateTtlConfig(long ttlMillis, UpdateType updateType, StateVisibility visibility, int cleanupSize,
      boolean cleanupForEveryRecord, long scanIntervalMillis) {
    this.scanIntervalMillis = scanIntervalMillis;
    this.ttlMillis = ttlMillis;
    this.updateType = updateType;
    this.visibility = visibility;
    this.cleanupSize = cleanupSize;
    this.cleanupForEveryRecord = cleanupForEveryRecord;
  }

  /** How often the RocksDB backend scans for expired values unless told otherwise. */
  public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofMinutes(1);

  public static Builder newBuilder(Duration ttl) {
    if (ttl == null || ttl.toMillis() <= 0) {
      throw new IllegalArgumentException("A state time-to-live must be positive, not " + ttl);
    }
    return new Builder(ttl.toMillis());
  }

  public long getTtlMillis() {
    return ttlMillis;
  }

  public UpdateType getUpdateType() {
    return updateType;
  }

  public StateVisibility getStateVisibility() {
    return visibility;
  }

  /** Entries examined for expiry on each state access (0: only values that are read are checked). */
  public int getCleanupSize() {
    return cleanupSize;
  }

  public boolean isCleanupForEveryRecord() {
    return cleanupForEveryRecord;
  }

  /** How often the RocksDB backend scans the state for expired values (0: never). */
  public long getScanIntervalMillis() {
    return scanIntervalMillis;
  }

  /** Builds a {@link StateTtlConfig}. */
  public static final class Builder {
    private final long ttlMillis;
    private UpdateType updateType = UpdateType.OnCreateAndWrite;
    private StateVisibility visibility = StateVisibility.NeverReturnExpired;
    private int cleanupSize = 5;
    private boolean cleanupForEveryRecord;
    private long scanIntervalMillis = DEFAULT_SCAN_INTERVAL.toMillis();

    Builder(long ttlMillis) {
      this.ttlMillis = ttlMillis;
    }

    public Builder setUpdateType(UpdateType type) {
      this.updateType = type;
      return this;
    }

    public Builder setStateVisibility(StateVisibility visibility) {
      this.visibility = visibility;
      return this;
    }

    /**
     * Examines {@code cleanupSize} entries for expiry whenever the state is accessed (and, if
     * {@code runCleanupForEveryRecord}, for every record the operator processes), removing expired
     * ones, so state shrinks even for keys that are never read again.
     */
    public Builder cleanupIncrementally(int cleanupSize, boolean runCleanupForEveryRecord) {
      if (cleanupSize < 0) {
        throw new IllegalArgumentException("The cleanup size must not be negative, not " + cleanupSize);
      }
      this.cleanupSize = cleanupSize;
      this.cleanupForEveryRecord = runCleanupForEveryRecord;
      return this;
    }

    /**
     * On the RocksDB backend, scans the whole state every {@code interval} for expired values and
     * deletes them, whether or not records arrive (RocksDB's compaction filter, which Flink uses
     * for this, is not reachable from Java in stock RocksDB). The scan runs on the subtask's thread
     * in short steps between records. {@link Duration#ZERO} turns it off; the default is {@link
     * #DEFAULT_SCAN_INTERVAL}. The heap backend relies on incremental cleanup instead.
     */
    public Builder cleanupByPeriodicScan(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("The scan interval must not be negative, not " + interval);
      }
      this.scanIntervalMillis = interval.toMillis();
      return this;
    }

    public StateTtlConfig build() {
      return new StateTtlConfig(ttlMillis, updateType, visibility, cleanupSize, cleanupForEveryRecord,
          scanIntervalMillis);
    }
  }
}
