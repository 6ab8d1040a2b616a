package io.nagare.api.functions;

/** A {@link FilterFunction} with a lifecycle and a {@link RuntimeContext}. */
public abstract class RichFilterFunction<T> extends AbstractRichFunction implements FilterFunction<T> {}
