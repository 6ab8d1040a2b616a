package io.nagare.runtime.executor;

import io.nagare.api.configuration.CoreOptions;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.plan.JobGraph;
import io.nagare.runtime.checkpoint.TaskCheckpointing;
import io.nagare.runtime.tasks.StreamTask;
import io.nagare.runtime.tasks.SubtaskHandle;
import io.nagare.runtime.tasks.TaskEnvironment;
import io.nagare.state.KeyedStateBackendFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs every subtask of a job in this process, one thread each, with a timer thread and a
 * checkpoint I/O thread per attempt; channels are in memory, or sockets on localhost with {@code
 * execution.local.exchange: network}. Owned by the run's thread.
 */
public final class LocalDeployment implements Deployment {
  private final JobGraph job;
  private final ClassLoader userClassLoader;
  private final KeyedStateBackendFactory stateBackendFactory;
  private final List<StreamTask> tasks = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private ScheduledExecutorService timers;
  private ExecutorService checkpointIo;
  private LoopbackNetwork network;
  /** The {@code tm_id} of subtasks run in the job's own process. */
  public static final String LOCAL_TASK_MANAGER = "local";

  public LocalDeployment(JobGraph job, ClassLoader userClassLoader, KeyedStateBackendFactory stateBackendFactory) {
    this.job = job;
    this.userClassLoader = userClassLoader;
    this.stateBackendFactory = stateBackendFactory;
  }

  @Override
  public List<SubtaskHandle> create(Attempt attempt) throws Exception {
    tasks.clear();
    threads.clear();
    timers = Executors.newSingleThreadScheduledExecutor(HelperThreads.daemon("nagare-timers " + job.jobName()));
    checkpointIo = Executors.newSingleThreadExecutor(HelperThreads.daemon("nagare-checkpoint-io " + job.jobName()));
    TaskCheckpointing checkpointing = TaskCheckpointing.of(job.configuration(), attempt.storage(), checkpointIo);
    checkpointing.attach(attempt.checkpoints());
    GenericMetricGroup taskMetrics = attempt.metrics().registry().taskManagerGroup(LOCAL_TASK_MANAGER)
        .addJob(attempt.metrics());
    TaskEnvironment env = new TaskEnvironment(job, timers, taskMetrics, userClassLoader, stateBackendFactory,
        attempt.sourceCoordinators(), checkpointing, attempt.restore());
    network = loopbackNetwork(attempt.number());
    tasks.addAll(new SubtaskWiring(job, userClassLoader, network == null ? SubtaskWiring.IN_MEMORY : network)
        .create(env, attempt.number(), attempt.listener()));
    return new ArrayList<>(tasks);
  }

  @Override
  public void start() {
    for (StreamTask t : tasks) {
      threads.add(t.start());
    }
  }

  @Override
  public void release() throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
    if (timers != null) {
      timers.shutdownNow();
      HelperThreads.awaitStop(timers, "nagare-timers " + job.jobName());
    }
    if (checkpointIo != null) {
      checkpointIo.shutdown();
      HelperThreads.awaitStop(checkpointIo, "nagare-checkpoint-io " + job.jobName());
    }
    if (network != null) {
      network.close();
    }
    timers = null;
    checkpointIo = null;
    network = null;
  }

  /** The loopback network exchange if the job asks for one ({@code execution.local.exchange: network}), else null. */
  private LoopbackNetwork loopbackNetwork(int attempt) throws InterruptedException {
    String exchange = job.configuration().get(CoreOptions.LOCAL_EXCHANGE);
    if (exchange.equalsIgnoreCase("memory")) {
      return null;
    }
    if (!exchange.equalsIgnoreCase("network")) {
      throw new IllegalArgumentException("Invalid value '" + exchange + "' for '" + CoreOptions.LOCAL_EXCHANGE.key()
          + "': expected memory or network");
    }
    try {
      return new LoopbackNetwork(job.jobId() + "-" + attempt);
    } catch (java.net.BindException e) {
      throw new IllegalStateException("Cannot start the loopback network exchange: " + e.getMessage(), e);
    }
  }
}
