package io.nagare.connectors.base;

import io.nagare.api.source.SourceOutput;
import io.nagare.api.source.SourceSplit;

/**
 * Reads one split from its current position. Used by {@link PullingSourceReader} on the subtask's
 * thread only.
 */
public interface SplitCursor<T, SplitT extends SourceSplit> extends AutoCloseable {
  /** Emits at most {@code max} records; returns false once the split is exhausted. */
  boolean emit(SourceOutput<T> output, int max) throws Exception;

  /** The split as it stands: what is left to read. */
  SplitT snapshot();

  @Override
  default void close() throws Exception {}
}
