package io.nagare.api.source;

/** Where a reader emits records (with or without an event timestamp). */
public interface SourceOutput<T> {
  void collect(T record);

  void collect(T record, long timestamp);
}
