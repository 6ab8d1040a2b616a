package io.nagare.api.source;

import io.nagare.api.metrics.MetricGroup;

/** What a reader can reach of its subtask. */
public interface SourceReaderContext {
  int getIndexOfSubtask();

  int currentParallelism();

  /** Asks the enumerator for a split (it answers through {@link SourceReader#addSplits}). */
  void sendSplitRequest();

  MetricGroup metricGroup();

  ClassLoader getUserCodeClassLoader();
}
