package io.nagare.runtime.tasks;

import io.nagare.api.common.Accumulator;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.plan.JobVertex;
import io.nagare.runtime.checkpoint.CheckpointAcknowledger;
import io.nagare.runtime.checkpoint.ChannelState;
import io.nagare.runtime.checkpoint.CheckpointStorage;
import io.nagare.runtime.checkpoint.SharedFiles;
import io.nagare.runtime.checkpoint.TaskCheckpointing;
import io.nagare.runtime.checkpoint.TaskStateFile;
import io.nagare.runtime.checkpoint.TaskStateHandle;
import io.nagare.runtime.io.RecordWriter;
import io.nagare.runtime.io.StreamEvent;
import io.nagare.runtime.io.TaskCancelledException;
import io.nagare.runtime.mailbox.TaskMailbox;
import io.nagare.runtime.operators.OperatorSnapshot;
import io.nagare.runtime.timers.SystemProcessingTimeService;
import io.nagare.serialization.DataOutputViewStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parallel subtask of a job vertex: a thread running its operator chain in a mailbox loop.
 * Each turn of the loop runs pending mails (timers, split assignments), then processes a batch of
 * input (a reader poll, or one buffer of records); with nothing to do it flushes its writers and
 * sleeps in the mailbox until input, a free buffer, or a mail arrives. Before taking input it makes
 * sure every writer has a free buffer, so a slow consumer stops its producers (back-pressure)
 * without blocking their mailboxes. When its input has ended (and the job checkpoints) it reports
 * its final state, sends the end of its partitions, and keeps running mails until a checkpoint
 * holding that state completes: only then do sinks commit their last output, so a failure elsewhere
 * in the job before that checkpoint replays nothing they made visible.
 *
 * <p>Threading: everything here belongs to the subtask's thread, except {@link #cancel()} (any
 * thread) and the mailbox, which is the one way in.
 */
public abstract class StreamTask implements Runnable, SubtaskHandle {
  private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

  protected final JobVertex vertex;
  protected final int subtaskIndex;
  protected final int attempt;
  protected final TaskEnvironment env;
  protected final TaskMailbox mailbox = new TaskMailbox();
  protected final List<RecordWriter<?>> writers;
  private final Map<Integer, RecordWriter<?>> writersByEdge = new HashMap<>();
  private final Map<String, Accumulator<?, ?>> accumulators = new HashMap<>();
  private final TaskListener listener;
  private final long bufferTimeoutNanos;
  private final SystemProcessingTimeService timeService;
  private final GenericMetricGroup metricGroup;
  protected final TaskIOMetrics ioMetrics = new TaskIOMetrics();
  protected OperatorChain chain;
  /** The id of the latest checkpoint this subtask took part in (0: none in this run). */
  private long lastCheckpointId;
  /** Set once all input has been processed; later checkpoints hold the subtask's final state. */
  private boolean inputEnded;
  /** Set once a checkpoint holding the final state has completed and the operators were told. */
  private boolean finalCheckpointCompleted;
  private volatile boolean cancelled;
  private volatile Thread thread;
  private long lastFlush = System.nanoTime();

  protected StreamTask(JobVertex vertex, int subtaskIndex, int attempt, TaskEnvironment env,
      List<RecordWriter<?>> writers, TaskListener listener) {
    this.vertex = vertex;
    this.subtaskIndex = subtaskIndex;
    this.attempt = attempt;
    this.env = env;
    this.writers = List.copyOf(writers);
    for (int i = 0; i < writers.size(); i++) {
      writersByEdge.put(vertex.outputEdges().get(i), writers.get(i));
      writers.get(i).pool().setAvailabilityListener(mailbox::signal);
    }
    this.listener = listener;
    this.bufferTimeoutNanos = env.jobGraph().configuration().get(CoreOptions.BUFFER_TIMEOUT).toNanos();
    this.timeService = new SystemProcessingTimeService(env.timerScheduler(), mailbox);
    this.metricGroup = env.jobMetricGroup().addTask(vertex.id(), vertex.name(), subtaskIndex, attempt);
  }

  /** "name (index+1/parallelism)", as threads and logs show it. */
  public String taskName() {
    return vertex.name() + " (" + (subtaskIndex + 1) + "/" + vertex.parallelism() + ")";
  }

  public JobVertex vertex() {
    return vertex;
  }

  @Override
  public int subtaskIndex() {
    return subtaskIndex;
  }

  @Override
  public Map<String, Accumulator<?, ?>> accumulators() {
    return accumulators;
  }

  /**
   * Starts the subtask on a new thread whose context class loader is the job's, as client libraries
   * (Kafka's configuration, say) load classes named in settings through it.
   */
  public Thread start() {
    Thread t = new Thread(this, taskName());
    t.setContextClassLoader(env.userClassLoader());
    thread = t;
    t.start();
    return t;
  }

  @Override
  public final void run() {
    Throwable failure = null;
    try {
      chain = new OperatorChain(vertex, subtaskIndex, attempt, env, mailbox, timeService, writersByEdge, accumulators,
          metricGroup);
      ioMetrics.register(metricGroup, networkRecordsIn(), writers, inputChannels());
      initializeInputs();
      restoreInFlightData();
      chain.open();
      listener.taskRunning(this);
      runLoop();
      inputEnded = true;
      chain.finish();
      boolean finalCheckpoint = env.endsWithFinalCheckpoint();
      if (finalCheckpoint) {
        reportFinalState();
      }
      for (RecordWriter<?> w : writers) {
        w.broadcastEvent(StreamEvent.EndOfPartition.INSTANCE);
      }
      if (finalCheckpoint) {
        timeService.shutdown();
        awaitFinalCheckpoint();
      }
    } catch (Throwable t) {
      failure = cancelled ? new TaskCancelledException("cancelled") : t;
    } finally {
      failure = cleanUp(failure);
      listener.taskEnded(this, failure);
    }
  }

  private Throwable cleanUp(Throwable failure) {
    timeService.shutdown();
    mailbox.close();
    try {
      if (chain != null) {
        chain.close();
      }
    } catch (Throwable t) {
      if (failure == null) {
        failure = t;
      } else {
        failure.addSuppressed(t);
      }
    }
    try {
      for (RecordWriter<?> w : writers) {
        w.close();
      }
      releaseInputs();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null && !(failure instanceof TaskCancelledException)) {
      LOG.warn("{} failed", taskName(), failure);
    }
    return failure;
  }

  /** Counts the records that came from the network (the head operator's, or none for a source). */
  protected abstract java.util.function.LongSupplier networkRecordsIn();

  /** The channels the subtask reads (none for a source); fixed when the subtask is created. */
  protected List<io.nagare.runtime.io.InputChannel> inputChannels() {
    return List.of();
  }

  /** Prepares the input side (network gates); runs on the subtask's thread before operators open. */
  protected abstract void initializeInputs();

  /** Gives back buffers still held by inputs. */
  protected abstract void releaseInputs();

  /** Processes one batch of input; returns false when the input has ended. */
  protected abstract LoopAction processInput() throws Exception;

  /** What the loop does after a batch. */
  protected enum LoopAction { CONTINUE, WAIT, END }

  private void runLoop() throws Exception {
    while (true) {
      if (mailbox.hasMail()) {
        runMails();
      }
      if (cancelled) {
        throw new TaskCancelledException("cancelled");
      }
      if (!writersAvailable()) {
        long start = System.nanoTime();
        waitForWork();
        ioMetrics.addBackPressured(System.nanoTime() - start);
        continue;
      }
      LoopAction action = processInput();
      if (action == LoopAction.END) {
        return;
      }
      if (action == LoopAction.WAIT) {
        long start = System.nanoTime();
        waitForWork();
        ioMetrics.addIdle(System.nanoTime() - start);
      } else if (bufferTimeoutNanos >= 0 && System.nanoTime() - lastFlush > bufferTimeoutNanos) {
        flushWriters();
      }
    }
  }

  /**
   * Runs mails until a checkpoint holding this subtask's final state has completed and the operators
   * were notified of it: one with an id above every checkpoint this subtask took part in, since a
   * checkpoint this subtask did not acknowledge completes only with its final state in its place.
   */
  private void awaitFinalCheckpoint() throws Exception {
    while (!finalCheckpointCompleted) {
      runMails();
      if (cancelled) {
        throw new TaskCancelledException("cancelled");
      }
      if (!finalCheckpointCompleted) {
        mailbox.await();
      }
    }
  }

  private void runMails() throws Exception {
    TaskMailbox.Mail mail;
    while ((mail = mailbox.tryTake()) != null) {
      mail.run();
    }
  }

  private void waitForWork() throws InterruptedException {
    flushWriters();
    mailbox.await();
  }

  private void flushWriters() {
    for (int i = 0; i < writers.size(); i++) {
      writers.get(i).flushAll();
    }
    lastFlush = System.nanoTime();
  }

  private boolean writersAvailable() {
    for (int i = 0; i < writers.size(); i++) {
      if (!writers.get(i).pool().isAvailable()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int vertexId() {
    return vertex.id();
  }

  @Override
  public void triggerCheckpoint(long checkpointId, long timestamp) {
    mailbox.execute(() -> performCheckpoint(checkpointId, timestamp), "trigger checkpoint " + checkpointId);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    mailbox.execute(() -> {
      chain.notifyCheckpointComplete(checkpointId);
      if (inputEnded && checkpointId > lastCheckpointId) {
        finalCheckpointCompleted = true;
      }
    }, "checkpoint " + checkpointId + " complete");
  }

  /**
   * Takes this subtask's part of a checkpoint, on its thread between two records: takes the
   * operators' state (a consistent view), sends the barrier downstream, and leaves streaming it into
   * the subtask's state file ({@link TaskStateFile}) and acknowledging to the checkpoint I/O
   * thread, so processing goes on meanwhile. Once the input has ended a trigger is ignored: the
   * coordinator puts the subtask's final state into every checkpoint it has not acknowledged.
   */
  protected final void performCheckpoint(long checkpointId, long timestamp) throws Exception {
    performCheckpoint(checkpointId, timestamp, 0);
  }

  /** {@link #performCheckpoint(long, long)} after a barrier alignment that took {@code alignmentNanos}. */
  protected final void performCheckpoint(long checkpointId, long timestamp, long alignmentNanos) throws Exception {
    PendingCheckpoint pending = snapshotAndForward(checkpointId, timestamp);
    if (pending != null) {
      writeCheckpoint(pending, 0, List.of(), alignmentNanos);
    }
  }

  /**
   * This subtask's part of a checkpoint between its snapshot and its state file: the operators'
   * snapshots and, for an unaligned checkpoint, the data its barrier overtook in its outputs.
   */
  protected record PendingCheckpoint(long checkpointId, List<OperatorSnapshot> snapshots, List<Integer> outputChannels,
      List<ChannelState.OutputData> outputs) {}

  /**
   * The first half of {@link #performCheckpoint(long, long)}: takes the operators' state and sends
   * the barrier downstream — for an unaligned checkpoint at the front of every output channel,
   * recording what it overtook. Returns null (and does nothing) once the input has ended.
   */
  protected final PendingCheckpoint snapshotAndForward(long checkpointId, long timestamp) throws Exception {
    if (inputEnded) {
      return null;
    }
    lastCheckpointId = checkpointId;
    TaskCheckpointing checkpointing = env.checkpointing();
    boolean unaligned = checkpointing.unaligned(checkpointId);
    List<OperatorSnapshot> snapshots = chain.snapshotState(checkpointId, timestamp,
        checkpointing.storage().isSavepoint(checkpointId));
    StreamEvent.CheckpointBarrier barrier = new StreamEvent.CheckpointBarrier(checkpointId, timestamp, unaligned);
    List<Integer> outputChannels = new ArrayList<>();
    List<ChannelState.OutputData> outputs = new ArrayList<>();
    for (int i = 0; i < writers.size(); i++) {
      RecordWriter<?> w = writers.get(i);
      outputChannels.add(w.numberOfChannels());
      if (!unaligned) {
        w.broadcastEvent(barrier);
        continue;
      }
      List<List<byte[]>> overtaken = w.broadcastPriorityEvent(barrier);
      for (int ch = 0; ch < overtaken.size(); ch++) {
        if (!overtaken.get(ch).isEmpty()) {
          outputs.add(new ChannelState.OutputData(i, ch, overtaken.get(ch)));
        }
      }
    }
    return new PendingCheckpoint(checkpointId, snapshots, outputChannels, outputs);
  }

  /**
   * The second half: has the checkpoint I/O thread stream the snapshots and the in-flight data
   * (the outputs' and {@code inputs}, of a gate of {@code inputChannels} channels) into the
   * subtask's state file ({@link TaskStateFile}) and acknowledge, so processing goes on meanwhile.
   */
  protected final void writeCheckpoint(PendingCheckpoint pending, int inputChannels,
      List<ChannelState.InputData> inputs, long alignmentNanos) {
    long checkpointId = pending.checkpointId();
    TaskCheckpointing checkpointing = env.checkpointing();
    CheckpointStorage storage = checkpointing.storage();
    ChannelState channelState = new ChannelState(inputChannels, inputs, pending.outputChannels(), pending.outputs());
    List<OperatorSnapshot> snapshots = pending.snapshots();
    checkpointing.io().execute(() -> {
      try {
        SharedFiles shared = storage.sharedFiles(checkpointId);
        TaskStateHandle handle = storage.writeTaskState(checkpointId, vertex.id(), subtaskIndex, shared,
            out -> TaskStateFile.write(snapshots, channelState, out, shared));
        checkpointing.coordinator().acknowledge(handle.withAlignment(alignmentNanos), checkpointId);
      } catch (IOException | RuntimeException e) {
        checkpointing.coordinator().decline(checkpointId, taskName() + " could not write its state: " + e);
      } finally {
        snapshots.forEach(OperatorSnapshot::release);
      }
    });
  }

  /** Gives up a pending checkpoint that will never be written (a newer checkpoint's barrier came first). */
  protected final void abandon(PendingCheckpoint pending) {
    pending.snapshots().forEach(OperatorSnapshot::release);
  }

  /**
   * Sends the output side of the in-flight data this subtask restores ahead of anything new; gives
   * the input side to {@link #restoreInputs}. Subtask thread, before the operators open.
   */
  private void restoreInFlightData() throws Exception {
    if (env.restore() == null) {
      return;
    }
    ChannelState state = env.restore().channelState(vertex.head().operatorId(), subtaskIndex, taskName());
    if (state.isEmpty()) {
      return;
    }
    for (ChannelState.OutputData out : state.outputs()) {
      RecordWriter<?> w = writers.get(out.writerIndex());
      if (state.outputChannels().size() != writers.size()
          || state.outputChannels().get(out.writerIndex()) != w.numberOfChannels()) {
        throw new IllegalStateException(taskName() + " restores in-flight data of " + state.outputChannels()
            + " output channels, but has " + writers.stream().map(RecordWriter::numberOfChannels).toList()
            + ": in-flight data is not redistributed");
      }
      w.restoreInFlight(out.channel(), out.buffers());
    }
    restoreInputs(state);
  }

  /** Takes the input side of restored in-flight data, to process before reading the channels. */
  protected void restoreInputs(ChannelState state) {}

  /**
   * The subtask has processed all its input: serialises its operators' state as it is now (operator
   * state and source splits; no keyed state or timers, see {@code AbstractStreamOperator#snapshotState}),
   * and has the checkpoint I/O thread write it and hand it to the coordinator (after this subtask's
   * earlier acknowledgements, which that thread sends in order), which puts it into every later
   * checkpoint in place of this subtask. Subtask thread, once.
   */
  private void reportFinalState() throws Exception {
    TaskCheckpointing checkpointing = env.checkpointing();
    CheckpointStorage storage = checkpointing.storage();
    ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
    List<OperatorSnapshot> snapshots = chain.snapshotState(CheckpointAcknowledger.FINAL_STATE,
        System.currentTimeMillis(), true);
    try {
      DataOutputViewStream out = new DataOutputViewStream(bytesOut);
      TaskStateFile.write(snapshots, out, storage.finalStateTarget());
      out.flush();
    } finally {
      snapshots.forEach(OperatorSnapshot::release);
    }
    byte[] bytes = bytesOut.toByteArray();
    checkpointing.io().execute(() -> {
      try {
        TaskStateHandle handle = storage.writeFinalState(vertex.id(), subtaskIndex, bytes);
        checkpointing.coordinator().acknowledge(handle, CheckpointAcknowledger.FINAL_STATE);
      } catch (IOException | RuntimeException e) {
        checkpointing.coordinator().decline(CheckpointAcknowledger.FINAL_STATE, taskName()
            + " could not write its final state: " + e);
      }
    });
  }

  /** Stops the subtask from any thread: wakes it wherever it waits and interrupts blocking user code. */
  @Override
  public void cancel() {
    cancelled = true;
    mailbox.close();
    for (RecordWriter<?> w : writers) {
      w.pool().destroy();
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
