package io.nagare.api.source;

/**
 * A portion of a source's data that one reader reads: a file range, a Kafka partition, a range of
 * a sequence. A split object also carries its reader's position, so the splits a reader returns
 * from {@link SourceReader#snapshotState} say where to resume.
 */
public interface SourceSplit {
  /** Unique within the source. */
  String splitId();
}
