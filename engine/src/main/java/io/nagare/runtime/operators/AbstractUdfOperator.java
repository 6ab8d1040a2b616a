package io.nagare.runtime.operators;

import io.nagare.api.functions.Function;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichFunction;
import io.nagare.api.state.CheckpointListener;

/** An operator around one user function: gives rich functions their context and lifecycle. */
public abstract class AbstractUdfOperator<OUT, F extends Function> extends AbstractStreamOperator<OUT> {
  private static final OpenContext OPEN_CONTEXT = new OpenContext() {};

  protected final F userFunction;

  protected AbstractUdfOperator(F userFunction) {
    this.userFunction = userFunction;
  }

  public F getUserFunction() {
    return userFunction;
  }

  @Override
  public void open() throws Exception {
    super.open();
    if (userFunction instanceof RichFunction) {
      RichFunction rich = (RichFunction) userFunction;
      rich.setRuntimeContext(new StreamingRuntimeContext(context, () -> keyedStateBackend));
      try {
        rich.open(OPEN_CONTEXT);
      } catch (Exception e) {
        throw failure("failed in open()", e);
      }
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (userFunction instanceof CheckpointListener) {
      try {
        ((CheckpointListener) userFunction).notifyCheckpointComplete(checkpointId);
      } catch (Exception e) {
        throw failure("failed in notifyCheckpointComplete(" + checkpointId + ")", e);
      }
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (userFunction instanceof RichFunction) {
        ((RichFunction) userFunction).close();
      }
    } finally {
      super.close();
    }
  }
}
