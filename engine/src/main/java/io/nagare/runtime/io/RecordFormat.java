package io.nagare.runtime.io;

/**
 * The layout of records inside data buffers: a 4-byte big-endian length that never spans two
 * buffers, then that many payload bytes (which may span several). The payload is one byte
 * ({@code 0} = no timestamp, {@code 1} = timestamp), the 8-byte timestamp if present, and the
 * record as its serializer writes it.
 */
final class RecordFormat {
  static final int LENGTH_BYTES = 4;
  static final byte NO_TIMESTAMP = 0;
  static final byte WITH_TIMESTAMP = 1;

  private RecordFormat() {}
}
