package io.nagare.api.source;

/** Where a reader emits records (with or without an event timestamp). */
public interface SourceOutput<T> {
  void collect(T record);

  void collect(T record, long timestamp);

  /**
   * Nothing is expected on this output for now (a split with no new data, or a reader with no split
   * at all): its watermark stops holding back the subtask's and downstream watermarks until the
   * next record, which makes it active again. Nothing by default, for outputs without watermarks.
   */
  default void markIdle() {}
}
