package io.nagare.runtime.tasks;

import io.nagare.api.source.InputStatus;
import io.nagare.plan.JobVertex;
import io.nagare.runtime.io.RecordWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A subtask whose head is a source reader: each loop turn lets the reader emit a batch; when the
 * reader has nothing, the subtask sleeps until the reader's availability future completes. At the
 * end of a bounded input it emits the final watermark ({@code Long.MAX_VALUE}) so every event-time
 * timer downstream fires.
 */
public final class SourceStreamTask extends StreamTask {
  private SourceOperator<?, ?> source;
  private CompletableFuture<Void> awaited;

  public SourceStreamTask(JobVertex vertex, int subtaskIndex, int attempt, TaskEnvironment env,
      List<RecordWriter<?>> writers, TaskListener listener) {
    super(vertex, subtaskIndex, attempt, env, writers, listener);
  }

  @Override
  protected java.util.function.LongSupplier networkRecordsIn() {
    return () -> 0;
  }

  @Override
  protected void initializeInputs() {
    source = (SourceOperator<?, ?>) chain.head();
  }

  @Override
  protected LoopAction processInput() throws Exception {
    InputStatus status = source.emitNext();
    switch (status) {
      case MORE_AVAILABLE:
        return LoopAction.CONTINUE;
      case NOTHING_AVAILABLE:
        CompletableFuture<Void> available = source.isAvailable();
        if (available.isDone()) {
          return LoopAction.CONTINUE;
        }
        if (available != awaited) {
          awaited = available;
          available.whenComplete((v, e) -> mailbox.signal());
        }
        return LoopAction.WAIT;
      default:
        source.processWatermark(Long.MAX_VALUE);
        return LoopAction.END;
    }
  }

  @Override
  protected void releaseInputs() {}
}
