package io.nagare.api.metrics;

/** Marker for everything a {@link MetricGroup} can hold. */
public interface Metric {}
