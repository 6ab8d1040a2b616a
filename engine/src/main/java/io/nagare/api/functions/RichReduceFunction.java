package io.nagare.api.functions;

/** A {@link ReduceFunction} with a lifecycle and a {@link RuntimeContext}. */
public abstract class RichReduceFunction<T> extends AbstractRichFunction implements ReduceFunction<T> {}
