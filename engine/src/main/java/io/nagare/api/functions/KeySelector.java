package io.nagare.api.functions;

/**
 * Extracts the key of an element for {@code keyBy}. The key's {@code hashCode()} decides its key
 * group, so it must be deterministic across JVMs (no identity hash codes, no enums' default hash).
 *
 * @param <IN> element type
 * @param <KEY> key type
 */
@FunctionalInterface
public interface KeySelector<IN, KEY> extends Function {
  KEY getKey(IN value) throws Exception;
}
