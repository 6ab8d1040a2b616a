package io.nagare.api.functions;

/** A {@link FlatMapFunction} with a lifecycle and a {@link RuntimeContext}. */
public abstract class RichFlatMapFunction<T, O> extends AbstractRichFunction
    implements FlatMapFunction<T, O> {}
