package io.nagare.runtime.operators;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.functions.RuntimeContext;
import io.nagare.api.operators.OneInputStreamOperator;
import io.nagare.api.operators.OperatorOutput;
import io.nagare.api.operators.ProcessingTimeService;
import io.nagare.api.operators.StreamOperatorContext;
import io.nagare.api.state.OperatorStateStore;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a {@link OneInputStreamOperator} written against the public operator API: maps the runtime's
 * lifecycle onto it and gives it a {@link StreamOperatorContext} over this subtask's output,
 * operator state, clock and mailbox. Everything runs on the subtask's thread, except submissions to
 * the mailbox executor, which any thread may make.
 */
public final class UserOperatorAdapter<IN, OUT> extends AbstractStreamOperator<OUT> implements Output<IN> {
  private final OneInputStreamOperator<IN, OUT> operator;
  private OperatorStateBackend operatorState;

  public UserOperatorAdapter(OneInputStreamOperator<IN, OUT> operator) {
    this.operator = operator;
  }

  /** The public operator this adapter runs. */
  public OneInputStreamOperator<IN, OUT> operator() {
    return operator;
  }

  @Override
  public void open() throws Exception {
    super.open();
    operatorState = createOperatorStateBackend();
    operator.setup(new Context());
    try {
      operator.open();
    } catch (Exception e) {
      throw failure("failed in open()", e);
    }
  }

  @Override
  public void collect(IN record, long timestamp) {
    recordsIn++;
    if (keyedStateBackend != null) {
      setCurrentKeyOf(record);
    }
    try {
      operator.processElement(record, timestamp);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      processWatermark(watermark);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
    operator.processWatermark(watermark);
  }

  @Override
  protected void snapshotFunctionState(long checkpointId, long timestamp) throws Exception {
    try {
      operator.snapshotState(checkpointId, timestamp);
    } catch (Exception e) {
      throw failure("failed in snapshotState(" + checkpointId + ")", e);
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    try {
      operator.notifyCheckpointComplete(checkpointId);
    } catch (Exception e) {
      throw failure("failed in notifyCheckpointComplete(" + checkpointId + ")", e);
    }
  }

  @Override
  public void finish() throws Exception {
    try {
      operator.endInput();
    } catch (Exception e) {
      throw failure("failed in endInput()", e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      operator.close();
    } catch (Exception e) {
      throw failure("failed in close()", e);
    } finally {
      super.close();
    }
  }

  /** The operator's view of this subtask. */
  private final class Context implements StreamOperatorContext<OUT>, OperatorOutput<OUT>, ProcessingTimeService,
      Executor {
    private final RuntimeContext runtimeContext = new StreamingRuntimeContext(context, () -> keyedStateBackend);

    @Override
    public OperatorOutput<OUT> output() {
      return this;
    }

    @Override
    public RuntimeContext runtimeContext() {
      return runtimeContext;
    }

    @Override
    public OperatorStateStore operatorStateStore() {
      return operatorState;
    }

    @Override
    public boolean isRestored() {
      return UserOperatorAdapter.this.isRestored();
    }

    @Override
    public OptionalLong restoredCheckpointId() {
      return UserOperatorAdapter.this.restoredCheckpointId();
    }

    @Override
    public ProcessingTimeService processingTimeService() {
      return this;
    }

    @Override
    public Executor mailboxExecutor() {
      return this;
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }

    @Override
    public String operatorName() {
      return context.operatorName();
    }

    @Override
    public String jobName() {
      return context.jobName();
    }

    @Override
    public Configuration jobConfiguration() {
      return context.jobConfiguration();
    }

    @Override
    public void collect(OUT record) {
      collect(record, OneInputStreamOperator.NO_TIMESTAMP);
    }

    @Override
    public void collect(OUT record, long timestamp) {
      if (record == null) {
        throw nullRecord();
      }
      output.collect(record, timestamp);
    }

    @Override
    public void emitWatermark(long watermark) {
      output.emitWatermark(watermark);
      sideOutputs.emitWatermark(watermark);
    }

    @Override
    public long getCurrentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }

    @Override
    public ScheduledTimer registerTimer(long time, ProcessingTimeCallback callback) {
      return context.processingTimeService().registerTimer(time, t -> {
        try {
          callback.onProcessingTime(t);
        } catch (Exception e) {
          throw failure("failed in a processing-time callback", e);
        }
      })::cancel;
    }

    @Override
    public void execute(Runnable action) {
      if (!context.mailbox().execute(() -> {
        try {
          action.run();
        } catch (RuntimeException e) {
          throw failure("failed in an action handed to its subtask", e);
        }
      }, "action of " + context.operatorName())) {
        throw new RejectedExecutionException(context.operatorName() + " has ended; the action will not run");
      }
    }
  }
}
