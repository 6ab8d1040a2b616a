package io.nagare.api.functions;

/**
 * Receives the elements a function emits. Elements inherit the timestamp of the element being
 * processed (or of the timer firing).
 */
public interface Collector<T> {
  /** Emits one element; must not be null. */
  void collect(T record);

  /** Kept for source compatibility with Flink; emitting needs no close. */
  default void close() {}
}
