package io.nagare.metrics;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Meter;

/**
 * A rate derived from a counter: the increase over the last {@code timeSpanSeconds}, sampled by
 * {@link #update()} every {@link MetricRegistry#UPDATE_INTERVAL_SECONDS} seconds. {@code update} is
 * called only by the registry's updater thread, which owns the sample ring; {@link #getRate()} reads
 * a volatile result from any thread.
 */
public final class MeterView implements Meter {
  private final Counter counter;
  private final long[] samples;
  private int index;
  private volatile double rate;

  public MeterView(Counter counter, int timeSpanSeconds) {
    this.counter = counter;
    int n = Math.max(1, timeSpanSeconds / MetricRegistry.UPDATE_INTERVAL_SECONDS);
    this.samples = new long[n + 1];
  }

  @Override
  public void markEvent() {
    counter.inc();
  }

  @Override
  public void markEvent(long n) {
    counter.inc(n);
  }

  @Override
  public long getCount() {
    return counter.getCount();
  }

  @Override
  public double getRate() {
    return rate;
  }

  /** Takes a sample; called every {@link MetricRegistry#UPDATE_INTERVAL_SECONDS} seconds. */
  public void update() {
    index = (index + 1) % samples.length;
    samples[index] = counter.getCount();
    long oldest = samples[(index + 1) % samples.length];
    rate = (samples[index] - oldest) / (double) ((samples.length - 1) * MetricRegistry.UPDATE_INTERVAL_SECONDS);
  }
}
