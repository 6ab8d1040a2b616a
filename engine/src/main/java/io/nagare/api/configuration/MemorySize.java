package io.nagare.api.configuration;

import java.io.Serializable;
import java.util.Locale;

/** A number of bytes, written like {@code 32kb}, {@code 512 mb}, {@code 1g} or {@code 4096}. */
public final class MemorySize implements Serializable, Comparable<MemorySize> {
  private final long bytes;

  private MemorySize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("A memory size cannot be negative: " + bytes);
    }
    this.bytes = bytes;
  }

  public static MemorySize ofBytes(long bytes) {
    return new MemorySize(bytes);
  }

  public static MemorySize ofMebiBytes(long mebiBytes) {
    return new MemorySize(mebiBytes << 20);
  }

  /**
   * Parses {@code text}: a number with an optional unit b, k/kb, m/mb, g/gb, t/tb (binary, case
   * insensitive, space allowed).
   *
   * @throws IllegalArgumentException naming the text if it is not a memory size
   */
  public static MemorySize parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a memory size (examples: 4096, 32kb, 512m, 1g)");
    }
    long n = Long.parseLong(t.substring(0, i));
    String unit = t.substring(i).trim();
    int shift;
    switch (unit) {
      case "": case "b": case "bytes": shift = 0; break;
      case "k": case "kb": case "kib": shift = 10; break;
      case "m": case "mb": case "mib": shift = 20; break;
      case "g": case "gb": case "gib": shift = 30; break;
      case "t": case "tb": case "tib": shift = 40; break;
      default: throw new IllegalArgumentException("'" + text + "' has an unknown memory unit '" + unit
          + "' (use b, kb, mb, gb or tb)");
    }
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large a memory size");
    }
    return new MemorySize(n << shift);
  }

  public long getBytes() {
    return bytes;
  }

  public long getMebiBytes() {
    return bytes >> 20;
  }

  @Override
  public int compareTo(MemorySize o) {
    return Long.compare(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemorySize && ((MemorySize) o).bytes == bytes;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bytes);
  }

  @Override
  public String toString() {
    if (bytes != 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "gb";
    if (bytes != 0 && bytes % (1L << 20) == 0) return (bytes >> 20) + "mb";
    if (bytes != 0 && bytes % (1L << 10) == 0) return (bytes >> 10) + "kb";
    return bytes + "b";
  }
}
