package io.nagare.api.functions;

/** A {@link SinkFunction} with a lifecycle, for sinks that open connections or files. */
public abstract class RichSinkFunction<T> extends AbstractRichFunction implements SinkFunction<T> {}
