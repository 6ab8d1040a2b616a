package io.nagare.api.functions;

/**
 * A function with a lifecycle and access to its subtask's {@link RuntimeContext}. The runtime calls
 * {@link #setRuntimeContext} first, then {@link #open} once before the first element, and {@link
 * #close} once after the last one (also when the job fails or is cancelled), all on the subtask's
 * own thread.
 */
public interface RichFunction extends Function {
  void open(OpenContext openContext) throws Exception;

  void close() throws Exception;

  RuntimeContext getRuntimeContext();

  void setRuntimeContext(RuntimeContext context);
}
