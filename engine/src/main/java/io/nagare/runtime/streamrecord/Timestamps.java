package io.nagare.runtime.streamrecord;

/**
 * Record timestamps travel as a plain {@code long} next to the record (no wrapper object on the
 * hot path); {@link #NO_TIMESTAMP} marks a record without one.
 */
public final class Timestamps {
  /** The timestamp of records that have none. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private Timestamps() {}

  /** The timestamp as the API shows it: null if absent. */
  public static Long boxed(long timestamp) {
    return timestamp == NO_TIMESTAMP ? null : timestamp;
  }
}
