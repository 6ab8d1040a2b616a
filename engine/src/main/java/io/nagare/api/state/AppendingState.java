package io.nagare.api.state;

/** State that elements are added to and that yields a combined result. */
public interface AppendingState<IN, OUT> extends State {
  /** The current key's result, or null if nothing was added. */
  OUT get() throws Exception;

  void add(IN value) throws Exception;
}
