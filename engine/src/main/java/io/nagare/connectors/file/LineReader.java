package io.nagare.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads '\n'-terminated UTF-8 lines from a stream positioned at a line start, tracking the byte
 * offset of the next line. A trailing '\r' is dropped ("\r\n" files), and a last line without a
 * newline is still a line. Lines are decoded whole, so multi-byte characters that straddle the
 * read buffer are intact. Not thread-safe: one reader per split, on the subtask's thread.
 */
final class LineReader {
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private long offset;
  private boolean eof;

  LineReader(InputStream in, long offset) {
    this.in = in;
    this.offset = offset;
  }

  /** The offset of the first byte not yet consumed: where the next line starts. */
  long offset() {
    return offset;
  }

  /** Consumes bytes up to and including the next '\n'; returns false if the stream ended first. */
  boolean skipLine() throws IOException {
    while (true) {
      if (pos == limit && !fill()) {
        return false;
      }
      for (int i = pos; i < limit; i++) {
        if (buffer[i] == '\n') {
          offset += i + 1 - pos;
          pos = i + 1;
          return true;
        }
      }
      offset += limit - pos;
      pos = limit;
    }
  }

  /** The next line without its terminator, or null at the end of the stream. */
  String readLine() throws IOException {
    int length = 0;
    while (true) {
      if (pos == limit && !fill()) {
        return length == 0 ? null : decode(line, length);
      }
      int start = pos;
      int newline = -1;
      for (int i = pos; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      int n = end - start;
      if (length == 0 && newline >= 0) {
        pos = newline + 1;
        offset += n + 1;
        return decode(buffer, start, n);
      }
      if (length + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
      }
      System.arraycopy(buffer, start, line, length, n);
      length += n;
      offset += n;
      if (newline >= 0) {
        pos = newline + 1;
        offset += 1;
        return decode(line, length);
      }
      pos = limit;
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private static String decode(byte[] bytes, int length) {
    return decode(bytes, 0, length);
  }

  private static String decode(byte[] bytes, int from, int length) {
    if (length > 0 && bytes[from + length - 1] == '\r') {
      length--;
    }
    return new String(bytes, from, length, StandardCharsets.UTF_8);
  }
}
