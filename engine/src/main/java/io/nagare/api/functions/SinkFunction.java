package io.nagare.api.functions;

/**
 * Writes elements out of the job. Called once per element on the sink subtask's thread.
 *
 * @param <T> element type
 */
@FunctionalInterface
public interface SinkFunction<T> extends Function {
  void invoke(T value, Context context) throws Exception;

  /**
   * The input has ended and every element was passed to {@link #invoke}: flush and commit. Not
   * called when the job fails or is cancelled (then only {@code close()} runs, for rich sinks).
   */
  default void finish() throws Exception {}

  /** What a sink sees besides the element. */
  interface Context {
    long currentProcessingTime();

    long currentWatermark();

    /** The element's timestamp, or null if it has none. */
    Long timestamp();
  }
}
