package io.nagare.api.functions;

/** Base class for rich functions: keeps the runtime context and has empty lifecycle methods. */
public abstract class AbstractRichFunction implements RichFunction {
  private transient RuntimeContext runtimeContext;

  @Override
  public void open(OpenContext openContext) throws Exception {}

  @Override
  public void close() throws Exception {}

  @Override
  public RuntimeContext getRuntimeContext() {
    if (runtimeContext == null) {
      throw new IllegalStateException("The runtime context is only available once the function runs in a subtask.");
    }
    return runtimeContext;
  }

  @Override
  public void setRuntimeContext(RuntimeContext context) {
    this.runtimeContext = context;
  }
}
