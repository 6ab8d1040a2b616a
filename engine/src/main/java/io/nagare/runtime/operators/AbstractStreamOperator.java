package io.nagare.runtime.operators;

import io.nagare.api.functions.KeySelector;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.runtime.checkpoint.CheckpointAcknowledger;
import io.nagare.runtime.checkpoint.OperatorRestore;
import io.nagare.runtime.io.TaskCancelledException;
import io.nagare.runtime.partitioner.KeyExtractionException;
import io.nagare.runtime.streamrecord.WatermarkStatus;
import io.nagare.runtime.timers.InternalTimerService;
import io.nagare.runtime.timers.Triggerable;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.state.KeyedStateBackend;
import io.nagare.state.KeyedStateSnapshot;
import io.nagare.state.StateBlock;
import io.nagare.state.VoidNamespaceSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Base of all operators: lifecycle ({@code setup → open → records, watermarks, timers → finish →
 * close}), keyed state and timers for keyed operators, the record counter, and failure attribution.
 * A one-input operator also implements {@link Output} of its input type: the operator before it in
 * the chain calls {@link Output#collect} on it directly.
 *
 * <p>Everything here runs on the subtask's thread. {@code recordsIn} is written only there; metric
 * reporters read it without synchronisation (a recent value is good enough).
 *
 * @param <OUT> output type
 */
public abstract class AbstractStreamOperator<OUT> {
  protected OperatorContext context;
  protected Output<OUT> output;
  protected SideOutputs sideOutputs;
  protected KeyedStateBackend<Object> keyedStateBackend;
  protected long recordsIn;
  protected long currentWatermark = Long.MIN_VALUE;
  private KeySelector<Object, Object> stateKeySelector;
  private KeySelector<Object, Object> stateKeySelector2;
  private TypeSerializer<Object> keySerializer;
  private int numberOfKeyGroups;
  private InternalTimerService<Object, ?> timerService;
  private OperatorRestore restore;
  private OperatorStateBackend operatorStateBackend;

  /** Wires the operator; keyed operators pass their key selector and key serializer, others nulls. */
  @SuppressWarnings("unchecked")
  public void setup(OperatorContext context, Output<OUT> output, SideOutputs sideOutputs,
      KeySelector<?, ?> stateKeySelector, TypeSerializer<?> keySerializer, int numberOfKeyGroups) {
    this.context = context;
    this.output = output;
    this.sideOutputs = sideOutputs;
    this.stateKeySelector = (KeySelector<Object, Object>) stateKeySelector;
    this.keySerializer = (TypeSerializer<Object>) keySerializer;
    this.numberOfKeyGroups = numberOfKeyGroups;
  }

  /** Sets the key selector of a keyed two-input operator's second input (before {@link #open()}). */
  @SuppressWarnings("unchecked")
  public void setSecondInputKeySelector(KeySelector<?, ?> keySelector) {
    this.stateKeySelector2 = (KeySelector<Object, Object>) keySelector;
  }

  /** Creates keyed state (for keyed operators) and opens user code. */
  public void open() throws Exception {
    if (stateKeySelector != null) {
      keyedStateBackend = context.stateBackendFactory().create(keySerializer, numberOfKeyGroups, context.keyGroupRange());
      keyedStateBackend.setOwnerDescription(ownerDescription());
      keyedStateBackend.setTtlTimeProvider(() -> context.processingTimeService().getCurrentProcessingTime());
      if (context.sharedUploader() != null) {
        keyedStateBackend.setSharedUploader(context.sharedUploader());
      }
      keyedStateBackend.setCleanupScheduler((delay, step) -> context.processingTimeService().registerTimer(
          context.processingTimeService().getCurrentProcessingTime() + delay, time -> step.run()));
      if (restore != null) {
        for (StateBlock keyed : restore.keyedState()) {
          keyedStateBackend.restore(keyed);
        }
      }
    }
  }

  /** Event time advanced: fire due event-time timers, then forward the watermark. */
  public void processWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
    if (timerService != null) {
      timerService.advanceWatermark(watermark);
    }
    output.emitWatermark(watermark);
    sideOutputs.emitWatermark(watermark);
  }

  /** The input became idle or active again: forward the status (operators that buffer may override). */
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    output.emitWatermarkStatus(status);
    sideOutputs.emitWatermarkStatus(status);
  }

  /**
   * The input side of a chained one-input operator ({@link Output#emitWatermarkStatus}): the
   * operator before it in the chain calls this.
   */
  public void emitWatermarkStatus(WatermarkStatus status) {
    try {
      processWatermarkStatus(status);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  /**
   * Takes this operator's part of a checkpoint on the subtask's thread: a consistent view of its
   * keyed state (written out later by the checkpoint I/O thread, with the timers if the backend
   * stores them) and the bytes of its heap timers (none when no timer is set), operator state and
   * source splits (small, serialised now). See {@link TaskStateFile}
   * for the format. A subtask's final state ({@link CheckpointAcknowledger#FINAL_STATE}, taken once
   * all its input has ended) keeps neither keyed state nor timers: every input of a keyed operator
   * comes from all upstream subtasks, so once one subtask's inputs have all ended no key of the
   * operator gets input again, and its event-time timers have fired.
   */
  public OperatorSnapshot snapshotState(long checkpointId, long timestamp, boolean savepoint) throws Exception {
    snapshotFunctionState(checkpointId, timestamp);
    boolean finalState = checkpointId == CheckpointAcknowledger.FINAL_STATE;
    KeyedStateSnapshot keyed = keyedStateBackend == null || finalState ? null
        : keyedStateBackend.snapshot(checkpointId, savepoint);
    byte[] timers = new byte[0];
    if (timerService != null && !finalState && !timerService.isStoredWithKeyedState()
        && timerService.numEventTimeTimers() + timerService.numProcessingTimeTimers() > 0) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputViewStream out = new DataOutputViewStream(bytes);
      timerService.snapshot(out);
      out.flush();
      timers = bytes.toByteArray();
    }
    DataOutputSerializer rest = new DataOutputSerializer(256);
    if (operatorStateBackend == null || operatorStateBackend.isEmpty()) {
      rest.writeInt(0);
    } else {
      DataOutputSerializer operatorState = new DataOutputSerializer(256);
      operatorStateBackend.snapshot(operatorState);
      rest.writeInt(operatorState.length());
      rest.write(operatorState.getSharedBuffer(), 0, operatorState.length());
    }
    snapshotSplits(checkpointId, rest);
    return new OperatorSnapshot(context.operatorId(), keyed, timers, rest.getCopyOfBuffer());
  }

  /** This operator in messages: {@code operator 'Counter (uid counter-1)'}. */
  private String ownerDescription() {
    return "operator '" + context.operatorName() + " (uid " + context.operatorId() + ")'";
  }

  /** Lets the user function bring its operator state up to date before it is written; none here. */
  protected void snapshotFunctionState(long checkpointId, long timestamp) throws Exception {}

  /** The operator state backend, created for functions with operator state; restores what the checkpoint had. */
  protected final OperatorStateBackend createOperatorStateBackend() {
    operatorStateBackend = new OperatorStateBackend(restore == null ? List.of() : restore.operatorState(),
        context.taskInfo().getIndexOfThisSubtask(), context.taskInfo().getNumberOfParallelSubtasks(), ownerDescription());
    return operatorStateBackend;
  }

  /** Sources write their readers' splits; other operators none. */
  protected void snapshotSplits(long checkpointId, DataOutputView out) throws Exception {
    out.writeInt(0);
  }

  /** Checkpoint {@code checkpointId} is complete; tells functions that listen for it. */
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (keyedStateBackend != null) {
      keyedStateBackend.notifyCheckpointComplete(checkpointId);
    }
  }

  /** The input has ended: emit what is still buffered. Called once, before {@link #close()}. */
  public void finish() throws Exception {}

  /** Releases resources; called once, also after failures. */
  public void close() throws Exception {
    if (timerService != null) {
      timerService.close();
    }
    if (keyedStateBackend != null) {
      keyedStateBackend.close();
    }
  }

  public String getName() {
    return context.operatorName();
  }

  public OperatorContext getContext() {
    return context;
  }

  /** Records this operator has received. */
  /** The last watermark this operator processed ({@code Long.MIN_VALUE} before any); read by metrics. */
  public long currentWatermark() {
    return currentWatermark;
  }

  public long recordsIn() {
    return recordsIn;
  }

  public boolean isKeyed() {
    return stateKeySelector != null;
  }

  public KeyedStateBackend<Object> getKeyedStateBackend() {
    return keyedStateBackend;
  }

  /** Makes the key of {@code record} current in the keyed state backend. */
  protected final void setCurrentKeyOf(Object record) {
    Object key;
    try {
      key = stateKeySelector.getKey(record);
    } catch (Exception e) {
      throw failure("failed in its key selector", e);
    }
    keyedStateBackend.setCurrentKey(key);
    keyedStateBackend.onRecord();
  }

  /** Makes the key of {@code record}, an element of the second input, current in the keyed state backend. */
  protected final void setCurrentKeyOfSecond(Object record) {
    Object key;
    try {
      key = stateKeySelector2.getKey(record);
    } catch (Exception e) {
      throw failure("failed in its second input's key selector", e);
    }
    keyedStateBackend.setCurrentKey(key);
  }

  /** The operator's timer service, created on first use; keyed operators only. */
  @SuppressWarnings("unchecked")
  protected final <N> InternalTimerService<Object, N> timerService(Triggerable<Object, N> target) {
    return timerService(target, (TypeSerializer<N>) (TypeSerializer<?>) VoidNamespaceSerializer.INSTANCE);
  }

  /** The operator's timer service for namespaces of {@code namespaceSerializer}'s type, created on first use. */
  @SuppressWarnings("unchecked")
  protected final <N> InternalTimerService<Object, N> timerService(Triggerable<Object, N> target,
      TypeSerializer<N> namespaceSerializer) {
    if (timerService == null) {
      if (keyedStateBackend == null) {
        throw new UnsupportedOperationException("Timers are only supported on keyed streams: call keyBy() before '"
            + getName() + "'");
      }
      InternalTimerService<Object, N> service = new InternalTimerService<>(keyedStateBackend,
          context.processingTimeService(), target, namespaceSerializer);
      timerService = service;
      if (restore != null) {
        for (StateBlock timers : restore.timers()) {
          try {
            service.restore(timers);
          } catch (IOException e) {
            throw failure("could not restore its timers", e);
          }
        }
      }
    }
    return (InternalTimerService<Object, N>) timerService;
  }

  /** Gives the operator state to restore from a checkpoint; call before {@link #open()}. */
  public void setRestore(OperatorRestore restore) {
    this.restore = restore;
  }

  /** Whether this operator restores state from a checkpoint in this run. */
  protected final boolean isRestored() {
    return restore != null;
  }

  /** The id of the checkpoint this operator restores from, if any (unknown in some harnesses). */
  protected final OptionalLong restoredCheckpointId() {
    return restore == null || restore.checkpointId() < 0 ? OptionalLong.empty() : OptionalLong.of(restore.checkpointId());
  }

  /** The restored splits of a source operator, or none. */
  protected final List<OperatorRestore.RestoredSplit> restoredSplits() {
    return restore == null ? List.of() : restore.splits();
  }

  /** The timer service if one was created, else null (for tests). */
  public InternalTimerService<Object, ?> getTimerService() {
    return timerService;
  }

  /**
   * The exception to throw for {@code cause} raised in this operator's user code: runtime exceptions
   * from further down the chain (already attributed) and cancellation pass through unchanged.
   */
  protected final RuntimeException failure(Throwable cause) {
    return failure("threw an exception", cause);
  }

  protected final RuntimeException failure(String what, Throwable cause) {
    if (cause instanceof OperatorException || cause instanceof TaskCancelledException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof KeyExtractionException) {
      return new OperatorException(getName(), context.taskInfo().getIndexOfThisSubtask(),
          context.taskInfo().getNumberOfParallelSubtasks(), "failed to route a record", cause.getCause());
    }
    return new OperatorException(getName(), context.taskInfo().getIndexOfThisSubtask(),
        context.taskInfo().getNumberOfParallelSubtasks(), what, cause);
  }

  /** The exception for a null record emitted by this operator's user code. */
  protected final RuntimeException nullRecord() {
    return new OperatorException(getName(), context.taskInfo().getIndexOfThisSubtask(),
        context.taskInfo().getNumberOfParallelSubtasks(), "emitted null; streams cannot carry null elements", null);
  }
}
