package io.nagare.connectors.sink;

import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.StatefulSinkWriter;
import io.nagare.api.connector.sink2.SupportsCommitter;
import io.nagare.api.connector.sink2.SupportsWriterState;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.eventtime.Watermark;
import io.nagare.api.functions.TaskInfo;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.operators.OneInputStreamOperator;
import io.nagare.api.operators.ProcessingTimeService;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.typeinfo.PrimitiveArrayTypeInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * Runs a {@link Sink} in one subtask (what {@code DataStream.sinkTo} adds to a job): its writer and,
 * for a {@link SupportsCommitter} sink, its committer, so that a checkpoint's committables are
 * committed by the subtask that made them as soon as the checkpoint is complete.
 *
 * <p>At each barrier: {@code flush(false)}, {@code prepareCommit()} (the committables are kept by
 * checkpoint id until committed), the writer's state. When checkpoint {@code n} completes, every
 * committable of checkpoints up to {@code n} is committed in checkpoint order (a committable of a
 * checkpoint that failed is committed with the next one that completes, whose state includes what
 * followed it); a committer that asks for a retry is called again after {@value #RETRY_DELAY_MS} ms,
 * up to {@value #MAX_RETRIES} times. On restore, new subtask {@code i} of {@code p} first commits the
 * committables of every old subtask {@code k} with {@code k % p == i}, then creates its writer from
 * the same old subtasks' writer states. At the end of the input the last committables are made
 * and kept, with those not yet committed, in the subtask's final state (see {@code StreamTask}); they
 * are committed, with no retry, when a checkpoint holding it completes (its id is above every
 * checkpoint this subtask snapshotted), or at once if the job takes no periodic checkpoints. Any
 * failed commit fails the job, naming the committable. After the end of the input the writer is
 * done: a later snapshot records no writer state, and nothing more is called on the writer.
 *
 * <p>State: two union list states of byte arrays, so every new subtask can pick the old subtasks it
 * takes over. Format version 1 of a committable element: int 1, int old subtask, long checkpoint id,
 * int serializer version, int length, serializer bytes; of a writer state element: int 1, int old
 * subtask, int serializer version, int length, serializer bytes.
 *
 * <p>Everything runs on the subtask's thread.
 */
final class SinkWriterOperator<IN, CommT, StateT> extends OneInputStreamOperator<IN, Void> {
  private static final long serialVersionUID = 1L;
  static final long RETRY_DELAY_MS = 1000;
  static final int MAX_RETRIES = 10;
  private static final int FORMAT_VERSION = 1;

  private final Sink<IN> sink;
  private transient SinkWriter<IN> writer;
  private transient Committer<CommT> committer;
  private transient SimpleVersionedSerializer<CommT> committableSerializer;
  private transient SimpleVersionedSerializer<StateT> writerStateSerializer;
  private transient ListState<byte[]> committableState;
  private transient ListState<byte[]> writerState;
  /** Committables not yet committed, by the checkpoint whose barrier made them. */
  private transient TreeMap<Long, List<Request>> pending;
  /** True once the input has ended and the last committables were committed. */
  private transient boolean inputEnded;
  /** The id of the latest checkpoint this subtask snapshotted (0: none in this run). */
  private transient long lastCheckpointId;
  private transient ProcessingTimeService.ScheduledTimer retryTimer;
  private transient long timestamp;
  private transient SinkWriter.Context writerContext;
  private transient int subtask;

  SinkWriterOperator(Sink<IN> sink) {
    this.sink = sink;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open() throws Exception {
    TaskInfo task = context().runtimeContext().getTaskInfo();
    subtask = task.getIndexOfThisSubtask();
    int parallelism = task.getNumberOfParallelSubtasks();
    pending = new TreeMap<>();
    writerContext = new WriterContext();
    InitContext init = new InitContext();
    committableState = context().operatorStateStore().getUnionListState(
        new ListStateDescriptor<>("sink-committables", PrimitiveArrayTypeInfo.BYTE_ARRAY));
    writerState = context().operatorStateStore().getUnionListState(
        new ListStateDescriptor<>("sink-writer-states", PrimitiveArrayTypeInfo.BYTE_ARRAY));
    if (sink instanceof SupportsCommitter) {
      SupportsCommitter<CommT> committing = (SupportsCommitter<CommT>) sink;
      committableSerializer = committing.getCommittableSerializer();
      committer = committing.createCommitter(init);
      for (byte[] element : committableState.get()) {
        restoreCommittable(element, parallelism);
      }
      commitUpTo(Long.MAX_VALUE, false);
    }
    if (sink instanceof SupportsWriterState && context().isRestored()) {
      SupportsWriterState<IN, StateT> stateful = (SupportsWriterState<IN, StateT>) sink;
      writerStateSerializer = stateful.getWriterStateSerializer();
      List<StateT> recovered = new ArrayList<>();
      for (byte[] element : writerState.get()) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(element));
        checkFormat(in.readInt());
        int oldSubtask = in.readInt();
        int version = in.readInt();
        byte[] bytes = in.readNBytes(in.readInt());
        if (oldSubtask % parallelism == subtask) {
          recovered.add(writerStateSerializer.deserialize(version, bytes));
        }
      }
      writer = stateful.restoreWriter(init, recovered);
    } else {
      if (sink instanceof SupportsWriterState) {
        writerStateSerializer = ((SupportsWriterState<IN, StateT>) sink).getWriterStateSerializer();
      }
      writer = sink.createWriter(init);
    }
    if (writer == null) {
      throw new IllegalStateException(sink.getClass().getName() + " created no writer (null)");
    }
    if (committer != null && !(writer instanceof CommittingSinkWriter)) {
      throw new IllegalStateException(sink.getClass().getName() + " supports a committer, but its writer "
          + writer.getClass().getName() + " is no CommittingSinkWriter");
    }
    committableState.clear();
    writerState.clear();
  }

  private void restoreCommittable(byte[] element, int parallelism) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(element));
    checkFormat(in.readInt());
    int oldSubtask = in.readInt();
    long checkpointId = in.readLong();
    int version = in.readInt();
    byte[] bytes = in.readNBytes(in.readInt());
    if (oldSubtask % parallelism == subtask) {
      pending.computeIfAbsent(checkpointId, k -> new ArrayList<>())
          .add(new Request(checkpointId, committableSerializer.deserialize(version, bytes)));
    }
  }

  private static void checkFormat(int version) throws IOException {
    if (version != FORMAT_VERSION) {
      throw new IOException("Sink state has format version " + version + "; this version reads " + FORMAT_VERSION);
    }
  }

  @Override
  public void processElement(IN element, long timestamp) throws Exception {
    this.timestamp = timestamp;
    writer.write(element, writerContext);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    writer.writeWatermark(new Watermark(watermark));
    super.processWatermark(watermark);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void snapshotState(long checkpointId, long checkpointTimestamp) throws Exception {
    if (inputEnded) {
      committableState.update(pendingElements());
      writerState.update(List.of());
      return;
    }
    lastCheckpointId = checkpointId;
    writer.flush(false);
    if (committer != null) {
      Collection<CommT> made = ((CommittingSinkWriter<IN, CommT>) writer).prepareCommit();
      for (CommT c : made) {
        pending.computeIfAbsent(checkpointId, k -> new ArrayList<>()).add(new Request(checkpointId, c));
      }
      committableState.update(pendingElements());
    }
    if (writer instanceof StatefulSinkWriter && writerStateSerializer != null) {
      List<byte[]> elements = new ArrayList<>();
      for (StateT s : ((StatefulSinkWriter<IN, StateT>) writer).snapshotState(checkpointId)) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] serialized = writerStateSerializer.serialize(s);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(subtask);
        out.writeInt(writerStateSerializer.getVersion());
        out.writeInt(serialized.length);
        out.write(serialized);
        elements.add(bytes.toByteArray());
      }
      writerState.update(elements);
    }
  }

  /** Every committable not yet committed, as committable state elements. */
  private List<byte[]> pendingElements() throws IOException {
    List<byte[]> elements = new ArrayList<>();
    for (Map.Entry<Long, List<Request>> e : pending.entrySet()) {
      for (Request r : e.getValue()) {
        elements.add(committableElement(e.getKey(), r.committable));
      }
    }
    return elements;
  }

  private byte[] committableElement(long checkpointId, CommT committable) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    byte[] serialized = committableSerializer.serialize(committable);
    out.writeInt(FORMAT_VERSION);
    out.writeInt(subtask);
    out.writeLong(checkpointId);
    out.writeInt(committableSerializer.getVersion());
    out.writeInt(serialized.length);
    out.write(serialized);
    return bytes.toByteArray();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (committer != null) {
      boolean holdsFinalState = inputEnded && checkpointId > lastCheckpointId;
      commitUpTo(checkpointId, !holdsFinalState);
    }
    if (writer instanceof CheckpointListener && !inputEnded) {
      ((CheckpointListener) writer).notifyCheckpointComplete(checkpointId);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void endInput() throws Exception {
    writer.flush(true);
    if (committer != null) {
      boolean awaitFinalCheckpoint = context().runtimeContext().isCheckpointingEnabled();
      long key = awaitFinalCheckpoint ? lastCheckpointId + 1 : Long.MAX_VALUE;
      for (CommT c : ((CommittingSinkWriter<IN, CommT>) writer).prepareCommit()) {
        pending.computeIfAbsent(key, k -> new ArrayList<>()).add(new Request(key, c));
      }
      if (!awaitFinalCheckpoint) {
        commitUpTo(Long.MAX_VALUE, false);
      }
    }
    inputEnded = true;
  }

  /**
   * Commits every pending committable of checkpoints up to {@code checkpointId}. With {@code
   * mayRetry} a committable the committer wants to retry stays pending and is tried again later;
   * without (on restore and at the end of the input, where nothing may stay behind) that fails.
   */
  private void commitUpTo(long checkpointId, boolean mayRetry) throws Exception {
    Map<Long, List<Request>> due = pending.headMap(checkpointId, true);
    if (due.isEmpty()) {
      return;
    }
    List<Committer.CommitRequest<CommT>> requests = new ArrayList<>();
    for (List<Request> list : due.values()) {
      requests.addAll(list);
    }
    committer.commit(requests);
    boolean retry = false;
    for (Committer.CommitRequest<CommT> r : requests) {
      Request request = (Request) r;
      if (request.failure != null) {
        throw new SinkCommitException("could not commit " + request.committable + " of checkpoint "
            + describe(request.checkpointId) + ": " + request.failure, request.failure);
      }
      if (request.retry) {
        if (!mayRetry || request.retries >= MAX_RETRIES) {
          throw new SinkCommitException("could not commit " + request.committable + " of checkpoint "
              + describe(request.checkpointId) + ": the committer asked for a retry "
              + (mayRetry ? MAX_RETRIES + " times" : "where none is possible (restore or end of input)"), null);
        }
        request.retry = false;
        request.retries++;
        retry = true;
      } else {
        pending.get(request.checkpointId).remove(request);
      }
    }
    pending.values().removeIf(List::isEmpty);
    if (retry && retryTimer == null) {
      ProcessingTimeService clock = context().processingTimeService();
      retryTimer = clock.registerTimer(clock.getCurrentProcessingTime() + RETRY_DELAY_MS, time -> {
        retryTimer = null;
        commitUpTo(checkpointId, true);
      });
    }
  }

  private static String describe(long checkpointId) {
    return checkpointId == Long.MAX_VALUE ? "(end of input)" : String.valueOf(checkpointId);
  }

  @Override
  public void close() throws Exception {
    if (retryTimer != null) {
      retryTimer.cancel();
    }
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      if (committer != null) {
        committer.close();
      }
    }
  }

  /** A committable and how its commit went; the committer sees it as a {@code CommitRequest}. */
  private final class Request implements Committer.CommitRequest<CommT> {
    final long checkpointId;
    CommT committable;
    int retries;
    boolean retry;
    Throwable failure;

    Request(long checkpointId, CommT committable) {
      this.checkpointId = checkpointId;
      this.committable = committable;
    }

    @Override
    public CommT getCommittable() {
      return committable;
    }

    @Override
    public int getNumberOfRetries() {
      return retries;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
      failure = t;
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
      failure = t;
    }

    @Override
    public void retryLater() {
      retry = true;
    }

    @Override
    public void updateAndRetryLater(CommT committable) {
      this.committable = committable;
      retry = true;
    }

    @Override
    public void signalAlreadyCommitted() {}
  }

  private final class WriterContext implements SinkWriter.Context {
    @Override
    public long currentWatermark() {
      return context().currentWatermark();
    }

    @Override
    public Long timestamp() {
      return timestamp == NO_TIMESTAMP ? null : timestamp;
    }
  }

  private final class InitContext implements WriterInitContext {
    @Override
    public int getSubtaskId() {
      return subtask;
    }

    @Override
    public int getNumberOfParallelSubtasks() {
      return context().runtimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    }

    @Override
    public int getAttemptNumber() {
      return context().runtimeContext().getTaskInfo().getAttemptNumber();
    }

    @Override
    public MetricGroup metricGroup() {
      return context().runtimeContext().getMetricGroup();
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
      return context().restoredCheckpointId();
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
      return context().processingTimeService();
    }

    @Override
    public Executor getMailboxExecutor() {
      return context().mailboxExecutor();
    }

    @Override
    public ClassLoader getUserCodeClassLoader() {
      return context().runtimeContext().getUserCodeClassLoader();
    }

    @Override
    public String getJobName() {
      return context().jobName();
    }

    @Override
    public String getOperatorName() {
      return context().operatorName();
    }
  }

  /** A commit that failed; fails the job. Shows as its message alone in the job's failure. */
  static final class SinkCommitException extends IOException {
    SinkCommitException(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
