package io.nagare.runtime.operators;

import io.nagare.api.functions.Function;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichFunction;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.state.CheckpointedFunction;
import io.nagare.api.state.FunctionInitializationContext;
import io.nagare.api.state.FunctionSnapshotContext;
import io.nagare.api.state.OperatorStateStore;

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
    if (userFunction instanceof CheckpointedFunction) {
      OperatorStateBackend backend = createOperatorStateBackend();
      if (userFunction instanceof RichFunction) {
        ((RichFunction) userFunction).setRuntimeContext(new StreamingRuntimeContext(context, () -> keyedStateBackend));
      }
      FunctionInitializationContext init = new FunctionInitializationContext() {
        @Override
        public boolean isRestored() {
          return backend.isRestored();
        }

        @Override
        public OperatorStateStore getOperatorStateStore() {
          return backend;
        }
      };
      try {
        ((CheckpointedFunction) userFunction).initializeState(init);
      } catch (Exception e) {
        throw failure("failed in initializeState()", e);
      }
    }
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
  protected void snapshotFunctionState(long checkpointId, long timestamp) throws Exception {
    if (userFunction instanceof CheckpointedFunction) {
      FunctionSnapshotContext ctx = new FunctionSnapshotContext() {
        @Override
        public long getCheckpointId() {
          return checkpointId;
        }

        @Override
        public long getCheckpointTimestamp() {
          return timestamp;
        }
      };
      try {
        ((CheckpointedFunction) userFunction).snapshotState(ctx);
      } catch (Exception e) {
        throw failure("failed in snapshotState(" + checkpointId + ")", e);
      }
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
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
