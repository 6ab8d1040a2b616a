package io.nagare.cluster;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.network.ClusterSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A resource driver for tests: each requested worker is a task manager started in this JVM (on
 * the driver's own thread) under the worker's id; {@link #kill} closes one and reports it lost, as
 * a cluster manager reports a dead container.
 */
final class TestingResourceDriver implements ResourceDriver {
  private final Configuration conf;
  private final ClusterSecret secret;
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Map<String, TaskManager> running = new ConcurrentHashMap<>();
  private final List<WorkerSpec> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> released = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile Events events;

  /** @param conf the task managers' configuration, without the job manager's port yet */
  TestingResourceDriver(Configuration conf, ClusterSecret secret) {
    this.conf = conf;
    this.secret = secret;
  }

  @Override
  public void start(Events events) {
    this.events = events;
  }

  @Override
  public void requestWorker(WorkerSpec spec) {
    requests.add(spec);
    String id = "worker-" + requests.size();
    thread.execute(() -> {
      try {
        TaskManager tm = TaskManager.start(new Configuration().addAll(conf)
            .set(ClusterOptions.TASK_MANAGER_RESOURCE_ID, id).set(ClusterOptions.TASK_SLOTS, spec.slots()), secret);
        running.put(id, tm);
        events.onWorkerStarted(id);
      } catch (Exception e) {
        events.onWorkerLost(id, "it could not start: " + e);
      }
    });
  }

  /** The requests so far, in order. */
  List<WorkerSpec> requests() {
    return List.copyOf(requests);
  }

  /** The workers the job manager gave back, in order. */
  List<String> released() {
    return List.copyOf(released);
  }

  /** Stops worker {@code id} abruptly and reports it lost. */
  void kill(String id) {
    TaskManager tm = running.remove(id);
    tm.close();
    events.onWorkerLost(id, "killed by the test");
  }

  @Override
  public void releaseWorker(String workerId) {
    released.add(workerId);
    TaskManager tm = running.remove(workerId);
    if (tm != null) {
      tm.close();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    running.values().forEach(TaskManager::close);
  }
}
