package io.nagare.api.source;

/**
 * The output a {@link SourceReader} gets in {@link SourceReader#pollNext}. Readers that read
 * several splits and want watermarks per split (so one fast split does not make another's records
 * late) emit through {@link #createOutputForSplit}.
 */
public interface ReaderOutput<T> extends SourceOutput<T> {
  /** An output whose records count toward {@code splitId}'s own watermark. */
  SourceOutput<T> createOutputForSplit(String splitId);

  /** Drops the per-split output once the split is finished. */
  void releaseOutputForSplit(String splitId);
}
