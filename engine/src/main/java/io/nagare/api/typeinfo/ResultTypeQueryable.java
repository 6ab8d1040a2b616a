package io.nagare.api.typeinfo;

/**
 * Implemented by sources and schemas that know the type of what they produce, so the stream built
 * on them gets that type without reflection (which cannot see through generic builders).
 *
 * @param <T> the produced type
 */
public interface ResultTypeQueryable<T> {
  TypeInformation<T> getProducedType();
}
