package io.nagare.api.functions;

/** A {@link MapFunction} with a lifecycle and a {@link RuntimeContext} (keyed state, metrics). */
public abstract class RichMapFunction<T, O> extends AbstractRichFunction implements MapFunction<T, O> {}
