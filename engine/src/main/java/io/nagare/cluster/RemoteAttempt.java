package io.nagare.cluster;

import io.nagare.api.common.Accumulator;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.network.ControlChannel;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import io.nagare.plan.SourcePayload;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.runtime.executor.Deployment;
import io.nagare.runtime.io.TaskCancelledException;
import io.nagare.runtime.tasks.SourceReaderGateway;
import io.nagare.runtime.tasks.SubtaskHandle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a job deployed on task managers, as the job manager tracks it: a proxy per
 * subtask that forwards checkpoint triggers and cancellation over the control connection of the
 * subtask's task manager, and the routing of what task managers report (deployment, subtask ends,
 * checkpoint acknowledgements, split requests) to the run's listener and coordinators. A subtask
 * whose task manager is lost ends with a {@link TaskManagerLostException}.
 *
 * <p>Threading: owned by the job manager's thread, which routes every message here; the proxies'
 * methods only send messages (channels are thread-safe) and may be called from any thread.
 */
final class RemoteAttempt {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteAttempt.class);

  /** A subtask's task manager was lost, so the subtask is gone with it. */
  static final class TaskManagerLostException extends Exception {
    TaskManagerLostException(String message) {
      super(message);
    }
  }

  private final ControlMessage.AttemptId id;
  private final JobGraph job;
  private final ClassLoader userClassLoader;
  private final Deployment.Attempt attempt;
  private final Map<String, Subtask> subtasks = new LinkedHashMap<>();
  private final Map<String, ControlChannel> workers = new LinkedHashMap<>();
  private final Set<String> awaitingDeployment = new HashSet<>();
  private final Map<Integer, SimpleVersionedSerializer<Object>> splitSerializers = new HashMap<>();
  private final CompletableFuture<Void> deployed = new CompletableFuture<>();
  private final Runnable onAllRunning;
  private int running;

  /** One subtask on a task manager. */
  final class Subtask implements SubtaskHandle {
    final int vertex;
    final int index;
    final String worker;
    final ControlChannel channel;
    boolean ended;
    /** DEPLOYING (also while restoring state), RUNNING, FINISHED, CANCELED or FAILED, as Flink names subtask states. */
    String state = "DEPLOYING";
    private volatile Map<String, Accumulator<?, ?>> accumulators = Map.of();

    Subtask(int vertex, int index, String worker, ControlChannel channel) {
      this.vertex = vertex;
      this.index = index;
      this.worker = worker;
      this.channel = channel;
    }

    @Override
    public String location() {
      return worker;
    }

    @Override
    public int vertexId() {
      return vertex;
    }

    @Override
    public int subtaskIndex() {
      return index;
    }

    @Override
    public void triggerCheckpoint(long checkpointId, long timestamp) {
      String savepoint = null;
      if (attempt.storage() != null && attempt.storage().isSavepoint(checkpointId)) {
        try {
          savepoint = attempt.storage().checkpointDirectory(checkpointId).toString();
        } catch (IOException e) {
          attempt.checkpoints().decline(checkpointId, "the savepoint directory is unknown: " + e);
          return;
        }
      }
      send(channel, new ControlMessage.TriggerCheckpoint(id, vertex, index, checkpointId, timestamp, savepoint));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      send(channel, new ControlMessage.CheckpointComplete(id, vertex, index, checkpointId));
    }

    @Override
    public void cancel() {
      send(channel, new ControlMessage.CancelTask(id, vertex, index));
    }

    @Override
    public Map<String, Accumulator<?, ?>> accumulators() {
      return accumulators;
    }

    @Override
    public String toString() {
      return job.vertex(vertex).name() + " (" + (index + 1) + "/" + job.vertex(vertex).parallelism() + ") on "
          + worker;
    }
  }

  /**
   * @param placement where each subtask runs, with the control channel of each task manager
   * @param onAllRunning called (on the job manager's thread) once every subtask has reported running
   */
  RemoteAttempt(ControlMessage.AttemptId id, JobGraph job, ClassLoader userClassLoader, Deployment.Attempt attempt,
      Map<SlotAssignment.Subtask, String> placement, Map<String, ControlChannel> channels, Runnable onAllRunning) {
    this.id = id;
    this.onAllRunning = onAllRunning;
    this.job = job;
    this.userClassLoader = userClassLoader;
    this.attempt = attempt;
    for (Map.Entry<SlotAssignment.Subtask, String> e : placement.entrySet()) {
      String worker = e.getValue();
      workers.put(worker, channels.get(worker));
      subtasks.put(key(e.getKey().vertex(), e.getKey().index()), new Subtask(e.getKey().vertex(), e.getKey().index(),
          worker, channels.get(worker)));
    }
    awaitingDeployment.addAll(workers.keySet());
  }

  private static String key(int vertex, int index) {
    return vertex + "-" + index;
  }

  ControlMessage.AttemptId id() {
    return id;
  }

  List<SubtaskHandle> handles() {
    return new ArrayList<>(subtasks.values());
  }

  /** Where the subtasks of vertex {@code vertex} run and in what state, by subtask index. */
  List<ClusterInfo.SubtaskInfo> subtasksOf(int vertex) {
    List<ClusterInfo.SubtaskInfo> list = new ArrayList<>();
    for (Subtask s : subtasks.values()) {
      if (s.vertex == vertex) {
        list.add(new ClusterInfo.SubtaskInfo(s.index, s.state, s.worker, null));
      }
    }
    return list;
  }

  /** The task managers this attempt runs on, with their channels. */
  Map<String, ControlChannel> workers() {
    return workers;
  }

  /** Completes when every task manager has created its subtasks; fails if one could not. */
  CompletableFuture<Void> deployed() {
    return deployed;
  }

  /** Sends the deploy message to every task manager of the attempt. */
  void deploy(byte[] jobGraph, List<ControlMessage.Placement> placements, String restorePath,
      String checkpointsDirectory) {
    for (ControlChannel channel : workers.values()) {
      send(channel, new ControlMessage.DeployTasks(id, jobGraph, placements, restorePath, checkpointsDirectory));
    }
  }

  void start() {
    for (ControlChannel channel : workers.values()) {
      send(channel, new ControlMessage.StartTasks(id));
    }
  }

  /** Handles a message a task manager sent about this attempt. */
  void onMessage(ControlMessage message) throws IOException, ClassNotFoundException {
    if (message instanceof ControlMessage.TasksDeployed d) {
      if (d.error() != null) {
        deployed.completeExceptionally(new IllegalStateException("Task manager " + d.taskManager()
            + " could not deploy its subtasks of job '" + job.jobName() + "': " + d.error()));
      } else if (awaitingDeployment.remove(d.taskManager()) && awaitingDeployment.isEmpty()) {
        deployed.complete(null);
      }
    } else if (message instanceof ControlMessage.TaskRunning r) {
      Subtask s = subtasks.get(key(r.vertex(), r.index()));
      if (s != null && !s.ended && s.state.equals("DEPLOYING")) {
        s.state = "RUNNING";
        if (++running == subtasks.size()) {
          onAllRunning.run();
        }
      }
    } else if (message instanceof ControlMessage.TaskEnded e) {
      Subtask s = subtasks.get(key(e.vertex(), e.index()));
      if (s != null && !s.ended) {
        s.ended = true;
        s.state = e.cancelled() ? "CANCELED" : e.failure() == null ? "FINISHED" : "FAILED";
        if (e.accumulators() != null) {
          s.accumulators = UserCodeSerialization.deserialize(e.accumulators(), userClassLoader);
        }
        Throwable failure = e.cancelled() ? new TaskCancelledException(s + " was cancelled")
            : e.failure() == null ? null : new RemoteTaskException(e.failure(), e.stackTrace());
        attempt.listener().taskEnded(s, failure);
      }
    } else if (message instanceof ControlMessage.AcknowledgeCheckpoint a) {
      attempt.checkpoints().acknowledge(a.state(), a.checkpointId());
    } else if (message instanceof ControlMessage.DeclineCheckpoint d) {
      attempt.checkpoints().decline(d.checkpointId(), d.reason());
    } else if (message instanceof ControlMessage.RegisterReader r) {
      Subtask s = subtasks.get(key(r.vertex(), r.index()));
      attempt.sourceCoordinators()[r.vertex()].registerReader(r.index(), readerOf(s));
    } else if (message instanceof ControlMessage.RequestSplit r) {
      attempt.sourceCoordinators()[r.vertex()].requestSplit(r.index());
    } else {
      LOG.warn("Unexpected {} about {}", message.getClass().getSimpleName(), id);
    }
  }

  /** Fails the attempt for a problem outside any one subtask. */
  void fail(Throwable cause) {
    attempt.fail().accept(cause);
  }

  /** Task manager {@code worker} is lost: its subtasks of this attempt end with that failure. */
  void onWorkerLost(String worker, String reason) {
    if (!workers.containsKey(worker)) {
      return;
    }
    TaskManagerLostException lost = new TaskManagerLostException("Task manager " + worker + " was lost: " + reason);
    deployed.completeExceptionally(lost);
    for (Subtask s : subtasks.values()) {
      if (s.worker.equals(worker) && !s.ended) {
        s.ended = true;
        s.state = "FAILED";
        attempt.listener().taskEnded(s, lost);
      }
    }
  }

  /** How the job manager's source coordinator hands splits to a source subtask on its task manager. */
  private SourceReaderGateway readerOf(Subtask s) throws IOException, ClassNotFoundException {
    SimpleVersionedSerializer<Object> serializer = splitSerializer(s.vertex);
    return new SourceReaderGateway() {
      @Override
      public void addSplits(List<?> splits) {
        List<byte[]> bytes = new ArrayList<>();
        try {
          for (Object split : splits) {
            bytes.add(serializer.serialize(split));
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("Cannot serialize a split of " + s, e);
        }
        send(s.channel, new ControlMessage.AddSplits(id, s.vertex, s.index, serializer.getVersion(), bytes));
      }

      @Override
      public void noMoreSplits() {
        send(s.channel, new ControlMessage.NoMoreSplits(id, s.vertex, s.index));
      }
    };
  }

  @SuppressWarnings("unchecked")
  private SimpleVersionedSerializer<Object> splitSerializer(int vertex) throws IOException, ClassNotFoundException {
    SimpleVersionedSerializer<Object> serializer = splitSerializers.get(vertex);
    if (serializer == null) {
      JobVertex v = job.vertex(vertex);
      SourcePayload payload = UserCodeSerialization.deserialize(v.head().payload(), userClassLoader);
      serializer = (SimpleVersionedSerializer<Object>) payload.source().getSplitSerializer();
      splitSerializers.put(vertex, serializer);
    }
    return serializer;
  }

  private static void send(ControlChannel channel, ControlMessage message) {
    channel.send(ControlMessage.encode(message));
  }
}
