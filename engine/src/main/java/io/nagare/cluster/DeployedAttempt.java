package io.nagare.cluster;

import io.nagare.api.common.Accumulator;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.metrics.MetricRegistry;
import io.nagare.network.ControlChannel;
import io.nagare.network.DataClient;
import io.nagare.network.PartitionId;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import io.nagare.plan.SourcePayload;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.runtime.checkpoint.CheckpointAcknowledger;
import io.nagare.runtime.checkpoint.CheckpointStorage;
import io.nagare.runtime.checkpoint.JobRestore;
import io.nagare.runtime.checkpoint.TaskCheckpointing;
import io.nagare.runtime.checkpoint.TaskStateHandle;
import io.nagare.runtime.executor.HelperThreads;
import io.nagare.runtime.executor.SubtaskWiring;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.ResultSubpartition;
import io.nagare.runtime.io.TaskCancelledException;
import io.nagare.runtime.operators.OperatorException;
import io.nagare.runtime.tasks.SourceCoordinatorGateway;
import io.nagare.runtime.tasks.SourceReaderGateway;
import io.nagare.runtime.tasks.StreamTask;
import io.nagare.runtime.tasks.SubtaskHandle;
import io.nagare.runtime.tasks.TaskEnvironment;
import io.nagare.runtime.tasks.TaskListener;
import io.nagare.state.StateBackends;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subtasks of one attempt of a job on this task manager: built from the job manager's deploy
 * message, wired to each other in memory and to other task managers over the data exchange,
 * started on the job manager's word, and reporting their ends, checkpoints and split requests back
 * over the control connection.
 *
 * <p>Threading: created, started, cancelled and released on the task manager's thread; subtasks
 * report from their own threads and the checkpoint I/O thread straight to the (thread-safe)
 * control channel. The readers map is concurrent because subtasks register in it.
 */
final class DeployedAttempt implements SubtaskWiring.Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(DeployedAttempt.class);

  private final ControlMessage.AttemptId id;
  private final String taskManagerId;
  private final JobGraph job;
  private final ClassLoader userClassLoader;
  private final ControlChannel channel;
  private final DataClient dataClient;
  private final Map<PartitionId, ResultSubpartition> partitions;
  private final Map<String, ControlMessage.Placement> placements = new HashMap<>();
  private final Map<String, StreamTask> tasks = new HashMap<>();
  private final Map<String, SourceReaderGateway> readers = new ConcurrentHashMap<>();
  private final Map<Integer, SimpleVersionedSerializer<Object>> splitSerializers = new HashMap<>();
  private final List<PartitionId> registered = new ArrayList<>();
  private final ScheduledExecutorService timers;
  private final ExecutorService checkpointIo;
  private final CheckpointStorage storage;
  private final MetricRegistry metrics;
  private GenericMetricGroup jobMetrics;

  /**
   * Builds this task manager's subtasks of {@code deploy}.
   *
   * @throws Exception if the plan, the restored checkpoint or a subtask cannot be loaded
   */
  DeployedAttempt(ControlMessage.DeployTasks deploy, String taskManagerId, Configuration taskManagerConf,
      ClassLoader userClassLoader, ControlChannel channel, DataClient dataClient,
      Map<PartitionId, ResultSubpartition> partitions, GenericMetricGroup taskManagerMetrics) throws Exception {
    this.id = deploy.attempt();
    this.taskManagerId = taskManagerId;
    this.userClassLoader = userClassLoader;
    this.channel = channel;
    this.dataClient = dataClient;
    this.partitions = partitions;
    this.metrics = taskManagerMetrics.registry();
    this.job = UserCodeSerialization.deserialize(deploy.jobGraph(), userClassLoader);
    for (ControlMessage.Placement p : deploy.placements()) {
      placements.put(key(p.vertex(), p.index()), p);
    }
    Configuration conf = new Configuration(taskManagerConf).addAll(job.configuration());
    String name = job.jobName();
    timers = Executors.newSingleThreadScheduledExecutor(HelperThreads.daemon("nagare-timers " + name));
    checkpointIo = Executors.newSingleThreadExecutor(HelperThreads.daemon("nagare-checkpoint-io " + name));
    try {
      storage = new CheckpointStorage(deploy.checkpointsDirectory(), id.job());
      TaskCheckpointing checkpointing = TaskCheckpointing.of(conf, storage, checkpointIo);
      checkpointing.attach(acknowledger());
      JobRestore restore = deploy.restorePath() == null ? null : JobRestore.read(deploy.restorePath());
      jobMetrics = taskManagerMetrics.addJob(job.jobId(), name);
      TaskEnvironment env = new TaskEnvironment(job, timers, jobMetrics,
          userClassLoader, StateBackends.fromConfiguration(conf), sourceGateways(), checkpointing, restore);
      for (StreamTask t : new SubtaskWiring(job, userClassLoader, this).create(env, id.attempt(), listener())) {
        tasks.put(key(t.vertexId(), t.subtaskIndex()), t);
      }
    } catch (Exception | Error e) {
      release();
      throw e;
    }
  }

  private static String key(int vertex, int index) {
    return vertex + "-" + index;
  }

  ControlMessage.AttemptId id() {
    return id;
  }

  int subtasks() {
    return tasks.size();
  }

  @Override
  public boolean runsHere(int vertexId, int index) {
    return taskManagerId.equals(placements.get(key(vertexId, index)).taskManager());
  }

  @Override
  public void register(int edge, int producer, int subpartition, ResultSubpartition data) {
    PartitionId partition = new PartitionId(id.partitionScope(), edge, producer, subpartition);
    partitions.put(partition, data);
    registered.add(partition);
  }

  @Override
  public InputChannel channel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer, int edge,
      int producer, int subpartition, int credits, int bufferSize) {
    ControlMessage.Placement p = placements.get(key(job.edge(edge).sourceVertex(), producer));
    if (p.taskManager().equals(taskManagerId)) {
      return null;
    }
    return dataClient.channel(channelIndex, inputIndex, deserializer, new InetSocketAddress(p.host(), p.dataPort()),
        new PartitionId(id.partitionScope(), edge, producer, subpartition), credits, bufferSize);
  }

  void start() {
    for (StreamTask t : tasks.values()) {
      t.start();
    }
  }

  void cancel(int vertex, int index) {
    StreamTask t = tasks.get(key(vertex, index));
    if (t != null) {
      t.cancel();
    }
  }

  /** Cancels every subtask of the attempt here (the job manager is gone, or the task manager stops). */
  void cancelAll() {
    tasks.values().forEach(StreamTask::cancel);
  }

  void triggerCheckpoint(ControlMessage.TriggerCheckpoint trigger) {
    StreamTask t = tasks.get(key(trigger.vertex(), trigger.index()));
    if (t == null) {
      return;
    }
    if (trigger.savepointDirectory() != null) {
      storage.useSavepointDirectory(trigger.checkpointId(), trigger.savepointDirectory());
    }
    t.triggerCheckpoint(trigger.checkpointId(), trigger.timestamp());
  }

  void checkpointComplete(ControlMessage.CheckpointComplete complete) {
    StreamTask t = tasks.get(key(complete.vertex(), complete.index()));
    if (t != null) {
      storage.endSavepoint(complete.checkpointId());
      t.notifyCheckpointComplete(complete.checkpointId());
    }
  }

  void addSplits(ControlMessage.AddSplits add) throws IOException {
    SourceReaderGateway reader = readers.get(key(add.vertex(), add.index()));
    if (reader == null) {
      throw new IllegalStateException("No reader of source subtask " + key(add.vertex(), add.index()) + " in "
          + id);
    }
    SimpleVersionedSerializer<Object> serializer = splitSerializers.get(add.vertex());
    List<Object> splits = new ArrayList<>();
    for (byte[] split : add.splits()) {
      splits.add(serializer.deserialize(add.version(), split));
    }
    reader.addSplits(splits);
  }

  void noMoreSplits(ControlMessage.NoMoreSplits done) {
    SourceReaderGateway reader = readers.get(key(done.vertex(), done.index()));
    if (reader != null) {
      reader.noMoreSplits();
    }
  }

  /** Stops the attempt's helper threads and stops serving its partitions; its subtasks have ended. */
  void release() throws InterruptedException {
    if (jobMetrics != null) {
      metrics.removeAll(jobMetrics);
    }
    for (PartitionId p : registered) {
      partitions.remove(p);
    }
    timers.shutdownNow();
    checkpointIo.shutdown();
    HelperThreads.awaitStop(timers, "nagare-timers " + job.jobName());
    HelperThreads.awaitStop(checkpointIo, "nagare-checkpoint-io " + job.jobName());
  }

  /** How this task manager's source subtasks reach their coordinators on the job manager, per vertex id. */
  @SuppressWarnings("unchecked")
  private SourceCoordinatorGateway[] sourceGateways() throws IOException, ClassNotFoundException {
    SourceCoordinatorGateway[] gateways = new SourceCoordinatorGateway[job.vertices().size()];
    for (JobVertex v : job.vertices()) {
      if (!v.isSource()) {
        continue;
      }
      SourcePayload payload = UserCodeSerialization.deserialize(v.head().payload(), userClassLoader);
      splitSerializers.put(v.id(), (SimpleVersionedSerializer<Object>) payload.source().getSplitSerializer());
      int vertex = v.id();
      gateways[vertex] = new SourceCoordinatorGateway() {
        @Override
        public void registerReader(int subtask, SourceReaderGateway reader) {
          readers.put(key(vertex, subtask), reader);
          send(new ControlMessage.RegisterReader(id, vertex, subtask));
        }

        @Override
        public void requestSplit(int subtask) {
          send(new ControlMessage.RequestSplit(id, vertex, subtask));
        }
      };
    }
    return gateways;
  }

  private CheckpointAcknowledger acknowledger() {
    return new CheckpointAcknowledger() {
      @Override
      public void acknowledge(TaskStateHandle state, long checkpointId) {
        send(new ControlMessage.AcknowledgeCheckpoint(id, checkpointId, state));
      }

      @Override
      public void decline(long checkpointId, String reason) {
        send(new ControlMessage.DeclineCheckpoint(id, checkpointId, reason));
      }
    };
  }

  /** Tells the job manager when a subtask runs (its state restored) and when it ends. */
  private TaskListener listener() {
    return new TaskListener() {
      @Override
      public void taskRunning(SubtaskHandle task) {
        send(new ControlMessage.TaskRunning(id, task.vertexId(), task.subtaskIndex()));
      }

      @Override
      public void taskEnded(SubtaskHandle task, Throwable failure) {
        ended(task, failure);
      }
    };
  }

  /** A subtask ended: tells the job manager how, with its accumulators. Subtask thread. */
  private void ended(SubtaskHandle task, Throwable failure) {
    boolean cancelled = failure instanceof TaskCancelledException;
    String message = null;
    String stack = null;
    if (failure != null && !cancelled) {
      message = failure instanceof OperatorException ? failure.getMessage() : failure.toString();
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      stack = trace.toString();
    }
    byte[] accumulators = null;
    try {
      accumulators = UserCodeSerialization.serialize(new HashMap<String, Accumulator<?, ?>>(task.accumulators()),
          "accumulators", task.toString());
    } catch (RuntimeException e) {
      LOG.warn("The accumulators of subtask {} of {} cannot be sent to the job manager: {}", task.subtaskIndex(),
          job.jobName(), e.toString());
    }
    send(new ControlMessage.TaskEnded(id, task.vertexId(), task.subtaskIndex(), cancelled, message, stack,
        accumulators, MetricSample.ofSubtask(metrics, job.jobId(), task.vertexId(), task.subtaskIndex())));
  }

  private void send(ControlMessage message) {
    channel.send(ControlMessage.encode(message));
  }
}
