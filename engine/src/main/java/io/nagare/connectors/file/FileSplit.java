package io.nagare.connectors.file;

import io.nagare.api.source.SourceSplit;

/**
 * A byte range {@code [start, start + length)} of one file. The lines whose first byte lies in the
 * range belong to the split (its last line may run past the range's end). {@code offset} is where
 * the next line to read starts: {@code start} for a fresh split, later the reader's position, so
 * a snapshot resumes exactly.
 */
public final class FileSplit implements SourceSplit {
  private final String path;
  private final long start;
  private final long length;
  private final long offset;

  public FileSplit(String path, long start, long length, long offset) {
    this.path = path;
    this.start = start;
    this.length = length;
    this.offset = offset;
  }

  @Override
  public String splitId() {
    return path + ":" + start;
  }

  /** The file's fully qualified Hadoop path. */
  public String path() {
    return path;
  }

  public long start() {
    return start;
  }

  public long length() {
    return length;
  }

  /** The first byte after the range. */
  public long end() {
    return start + length;
  }

  /** Where the next line to read starts. */
  public long offset() {
    return offset;
  }

  /** This split, resuming at {@code newOffset}. */
  public FileSplit withOffset(long newOffset) {
    return new FileSplit(path, start, length, newOffset);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileSplit)) {
      return false;
    }
    FileSplit s = (FileSplit) o;
    return path.equals(s.path) && start == s.start && length == s.length && offset == s.offset;
  }

  @Override
  public int hashCode() {
    return (path.hashCode() * 31 + Long.hashCode(start)) * 31 + Long.hashCode(offset);
  }

  @Override
  public String toString() {
    return "FileSplit(" + path + " [" + start + ", " + end() + ") at " + offset + ")";
  }
}
