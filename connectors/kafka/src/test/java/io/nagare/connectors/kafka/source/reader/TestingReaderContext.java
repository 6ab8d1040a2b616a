package io.nagare.connectors.kafka.source.reader;

import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.connectors.kafka.testing.TestingMetricGroup;

/** A reader's subtask for tests: index, parallelism and a {@link TestingMetricGroup}. */
final class TestingReaderContext implements SourceReaderContext {
  final TestingMetricGroup metrics = new TestingMetricGroup();
  private final int index;
  private final int parallelism;
  int splitRequests;

  TestingReaderContext(int index, int parallelism) {
    this.index = index;
    this.parallelism = parallelism;
  }

  @Override
  public int getIndexOfSubtask() {
    return index;
  }

  @Override
  public int currentParallelism() {
    return parallelism;
  }

  @Override
  public void sendSplitRequest() {
    splitRequests++;
  }

  @Override
  public MetricGroup metricGroup() {
    return metrics;
  }

  @Override
  public ClassLoader getUserCodeClassLoader() {
    return getClass().getClassLoader();
  }
}
