package io.nagare.cluster;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SecurityOptions;
import io.nagare.cluster.ClusterInfo.JobInfo;
import io.nagare.cluster.ClusterInfo.Overview;
import io.nagare.cluster.ClusterInfo.TaskManagerInfo;
import io.nagare.network.ClusterSecret;
import io.nagare.network.ControlChannel;
import io.nagare.network.ControlServer;
import io.nagare.network.FrameLimits;
import io.nagare.plan.JobGraph;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.api.configuration.HistoryServerOptions;
import io.nagare.metrics.MetricRegistry;
import io.nagare.metrics.MetricReporters;
import io.nagare.metrics.SystemMetrics;
import io.nagare.rest.RestAccess;
import io.nagare.rest.RestServer;
import io.nagare.security.tls.TlsContexts;
import io.nagare.runtime.checkpoint.CheckpointStorage;
import io.nagare.runtime.executor.Deployment;
import io.nagare.runtime.executor.JobRun;
import io.nagare.runtime.executor.JobRunClient;
import io.nagare.security.ClassAllowList;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job manager of a cluster: accepts task managers on its control port, keeps track of them
 * and their slots, declares one lost when its connection closes or its heartbeats stop for
 * {@code heartbeat.timeout}, accepts jobs (plan and jar) on its REST endpoint and runs each as a
 * {@link JobRun} whose subtasks a {@link ClusterDeployment} places into the task managers' slots.
 * A lost task manager fails the subtasks it ran, and the job restarts from its latest completed
 * checkpoint as its restart strategy allows. Workers come through a {@link ResourceDriver}, so the
 * same core runs standalone and on YARN. Task managers and slots are kept by its {@link
 * WorkerPool}; its REST routes are {@link JobManagerRest}.
 *
 * <p>Threading: everything the job manager knows, its worker pool included, is owned by its one
 * thread ({@code nagare-jobmanager}); network and REST threads, and each job's run thread, only hand
 * it work.
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

  private final String id = UUID.randomUUID().toString();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "nagare-jobmanager");
    t.setDaemon(true);
    return t;
  });
  private final long heartbeatIntervalMillis;
  private final long heartbeatTimeoutMillis;
  private final LongSupplier clock;
  private final ResourceDriver driver;
  private final Configuration conf;
  private final WorkerPool pool;
  private final List<Waiter> waiters = new ArrayList<>();
  private final Map<String, ClusterJob> jobs = new LinkedHashMap<>();
  private final Map<ControlMessage.AttemptId, RemoteAttempt> attempts = new HashMap<>();
  private final UserCodeClassLoaders classLoaders;
  private final CompletableFuture<String> shutdownRequested = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
  /** The newest delegation tokens for task managers, or null; job manager thread. */
  private ControlMessage.Tokens tokens;
  /** Where submitted jobs are kept for a successor, or null. */
  private JobStore jobStore;
  private ControlServer control;
  private RestServer rest;

  private record Waiter(int taskManagers, CompletableFuture<Overview> result) {}

  /** The process's metrics: the job manager's and each job's scope; reporters read it. */
  private final MetricRegistry metrics;
  /** Writes ended jobs' archives, off the job manager's thread. */
  private final JobArchiver archiver;
  /** The task managers' metric values for REST; job manager thread. */
  private final MetricStore metricStore = new MetricStore();

  private JobManager(Configuration conf, ResourceDriver driver, LongSupplier clock, MetricRegistry metrics) {
    this.conf = conf;
    this.metrics = metrics;
    this.archiver = new JobArchiver(conf.get(HistoryServerOptions.JOB_MANAGER_ARCHIVE_DIRECTORY));
    this.heartbeatIntervalMillis = conf.get(ClusterOptions.HEARTBEAT_INTERVAL).toMillis();
    this.heartbeatTimeoutMillis = conf.get(ClusterOptions.HEARTBEAT_TIMEOUT).toMillis();
    this.driver = driver;
    this.pool = new WorkerPool(driver, thread, Math.max(1, conf.get(ClusterOptions.TASK_SLOTS)),
        conf.get(ClusterOptions.SLOT_REQUEST_TIMEOUT).toMillis(), this::changed);
    this.clock = clock;
    this.classLoaders = new UserCodeClassLoaders(Path.of(System.getProperty("java.io.tmpdir"),
        "nagare-jobmanager-" + id), JobManager.class.getClassLoader(),
        ClassAllowList.withSetting(conf.get(SecurityOptions.DESERIALIZATION_ALLOWED_CLASSES)));
  }

  /**
   * Starts a job manager: its control port ({@code jobmanager.rpc.port}) and REST endpoint
   * ({@code rest.port}) are bound when this returns.
   *
   * @throws BindException naming the setting whose ports are all taken
   */
  public static JobManager start(Configuration conf, ClusterSecret secret, ResourceDriver driver)
      throws BindException, InterruptedException {
    MetricRegistry metrics = MetricReporters.createRegistry(conf);
    JobManager jm = new JobManager(conf, driver, System::currentTimeMillis, metrics);
    SystemMetrics.register(metrics.jobManagerGroup());
    try {
      jm.control = ControlServer.start(conf.get(ClusterOptions.JOB_MANAGER_ADDRESS), "jobmanager.rpc.port",
          conf.get(ClusterOptions.JOB_MANAGER_PORT), secret, TlsContexts.internalServer(conf), FrameLimits.control(conf),
          jm::onConnected);
      jm.rest = RestServer.start(conf.get(ClusterOptions.REST_ADDRESS), conf.get(ClusterOptions.REST_PORT),
          new JobManagerRest(jm, conf).routes().handlers(), (int) Math.min(Integer.MAX_VALUE, conf.get(ClusterOptions.REST_MAX_CONTENT_LENGTH).getBytes()),
          RestAccess.withSecret(secret,
              conf.get(ClusterOptions.REST_READ_ONLY_ROUTES) == ClusterOptions.ReadOnlyRoutes.SECRET),
          TlsContexts.restServer(conf));
    } catch (BindException | InterruptedException | RuntimeException e) {
      jm.close();
      throw e;
    }
    driver.start(new ResourceDriver.Events() {
      @Override
      public void onWorkerStarted(String workerId) {
        jm.thread.execute(() -> {
          LOG.info("Worker {} started", workerId);
          jm.pool.started(workerId);
        });
      }

      @Override
      public void onWorkerLost(String workerId, String reason) {
        jm.thread.execute(() -> {
          WorkerPool.Worker w = jm.pool.worker(workerId);
          if (w != null) {
            jm.declareLost(workerId, w, reason);
          } else {
            jm.pool.lostBeforeRegistering(workerId, reason);
          }
        });
      }
    });
    jm.thread.scheduleWithFixedDelay(jm::checkWorkers, jm.heartbeatIntervalMillis, jm.heartbeatIntervalMillis,
        TimeUnit.MILLISECONDS);
    LOG.info("Job manager {} up: control port {}, REST port {}{}", jm.id, jm.control.port(), jm.rest.port(),
        metrics.reporterAddresses().isEmpty() ? "" : ", metrics at " + String.join(", ", metrics.reporterAddresses()));
    return jm;
  }

  public int controlPort() {
    return control.port();
  }

  public int restPort() {
    return rest.port();
  }

  /**
   * Answers REST requests without the cluster secret only from {@code proxy}'s hosts, redirecting
   * other GETs there (a YARN application's {@code web.proxy-only}). Any thread.
   */
  public void restrictRest(RestAccess.Proxy proxy) {
    rest.restrictToProxy(proxy);
  }

  /** Every job, as {@code /jobs} shows them. Any thread. */
  CompletableFuture<List<JobInfo>> jobInfos() {
    return onThread(() -> {
      List<JobInfo> list = new ArrayList<>();
      for (ClusterJob job : jobs.values()) {
        list.add(job.info(metricStore));
      }
      return list;
    });
  }

  /** Job {@code jobId} as {@code /jobs/<id>} shows it. Any thread. */
  CompletableFuture<JobInfo> jobInfo(String jobId) {
    return onThread(() -> job(jobId).info(metricStore));
  }

  /** Job {@code jobId} with its result once it has ended (a 408 after {@code timeoutMillis}). Any thread. */
  CompletableFuture<Map<String, Object>> awaitResult(String jobId, long timeoutMillis) {
    return onThread(() -> job(jobId)).thenCompose(job -> awaitEnd(job, timeoutMillis))
        .thenCompose(job -> onThread(() -> JobViews.result(job, metricStore)));
  }

  /** When every subtask of attempt {@code attempt} of job {@code jobId} ran (a 408 after {@code timeoutMillis}). */
  CompletableFuture<Long> awaitRunning(String jobId, int attempt, long timeoutMillis) {
    return onThread(() -> job(jobId)).thenCompose(job -> job.deployment.running(attempt).copy()
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((since, e) -> {
          if (e != null) {
            throw new RestServer.RestException(408, "Attempt " + attempt + " of job " + job.graph.jobId()
                + " has not been running within " + timeoutMillis + " ms");
          }
          return since;
        }));
  }

  /** Cancels job {@code jobId}; completes with it once it has ended (a 408 after {@code timeoutMillis}). */
  CompletableFuture<JobInfo> cancel(String jobId, long timeoutMillis) {
    return onThread(() -> {
      ClusterJob job = job(jobId);
      if (!job.isTerminal()) {
        job.state = "CANCELLING";
        job.client.cancel();
      }
      return job;
    }).thenCompose(job -> awaitEnd(job, timeoutMillis)).thenCompose(job -> onThread(() -> job.info(metricStore)));
  }

  /**
   * Takes a savepoint of job {@code jobId} into a new directory under {@code directory}; with
   * {@code stop}, the job then stops. Completes with the savepoint's path (once the job has ended,
   * if stopped). Any thread.
   */
  CompletableFuture<String> savepoint(String jobId, String directory, boolean stop) {
    return onThread(() -> job(jobId)).thenCompose(job -> {
      if (job.isTerminal()) {
        throw new RestServer.RestException(409, "Job " + job.graph.jobId() + " has already ended (" + job.state + ")");
      }
      if (!stop) {
        return job.client.triggerSavepoint(directory);
      }
      return job.client.stopWithSavepoint(directory).thenCompose(path -> awaitEnd(job, 60_000).thenApply(j -> path));
    });
  }

  /** A client asked the cluster to stop; {@link #shutdownRequested} completes. Any thread. */
  void requestShutdown(String reason) {
    shutdownRequested.complete(reason);
  }

  /** The job with id {@code jobId}, or a 404; job manager thread. */
  private ClusterJob job(String jobId) {
    ClusterJob job = jobs.get(jobId);
    if (job == null) {
      throw new RestServer.RestException(404, "No job " + jobId + " on this cluster");
    }
    return job;
  }

  <T> CompletableFuture<T> onThread(java.util.function.Supplier<T> action) {
    return CompletableFuture.supplyAsync(action, thread);
  }

  /** Completes with {@code job} once it has ended, or with a 408 after {@code timeoutMillis}. */
  private CompletableFuture<ClusterJob> awaitEnd(ClusterJob job, long timeoutMillis) {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    thread.execute(() -> {
      if (job.isTerminal()) {
        ended.complete(null);
      } else {
        job.ended.add(ended);
      }
    });
    return ended.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((v, e) -> {
      if (e != null) {
        throw new RestServer.RestException(408, "Job " + job.graph.jobId() + " has not ended within " + timeoutMillis
            + " ms");
      }
      return job;
    });
  }

  /**
   * Accepts a job: {@code body} is an int length, the Java-serialized {@link JobGraph}, then the
   * job's jar. Completes with the job's id once its run has started.
   */
  CompletableFuture<String> submit(byte[] body) {
    return CompletableFuture.supplyAsync(() -> {
      java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
      int length = body.length >= 4 ? in.getInt() : -1;
      if (length < 0 || length > body.length - 4) {
        throw new RestServer.RestException(400, "A job submission is an int length, the plan, then the jar");
      }
      String tooLarge = FrameLimits.refuseGraph(length, FrameLimits.control(conf));
      if (tooLarge != null) {
        throw new RestServer.RestException(413, tooLarge);
      }
      return load(java.util.Arrays.copyOfRange(body, 4, 4 + length),
          java.util.Arrays.copyOfRange(body, 4 + length, body.length), null);
    }).thenApplyAsync(job -> start(job, true), thread);
  }

  /** Loads a job's plan with a class loader over its jar; with {@code restorePath}, it resumes from that checkpoint. */
  private ClusterJob load(byte[] graphBytes, byte[] jar, String restorePath) {
    String loaderKey = "submission-" + UUID.randomUUID();
    ClassLoader loader = classLoaders.register(loaderKey, jar);
    try {
      JobGraph graph = UserCodeSerialization.deserialize(graphBytes, loader);
      if (!graph.configuration().contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
          && conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
        graph = graph.withSetting(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
            conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
      }
      if (restorePath != null) {
        graph = graph.withSetting(CheckpointingOptions.RESTORE_PATH.key(), restorePath);
      }
      return new ClusterJob(graph, loaderKey, jar);
    } catch (java.io.IOException | ClassNotFoundException | RuntimeException e) {
      classLoaders.release(loaderKey);
      throw new RestServer.RestException(400, "Cannot load the submitted job with its jar: " + e);
    }
  }

  /** Starts a loaded job's run, keeping it in the job store if there is one and {@code store}. Job manager thread. */
  private String start(ClusterJob job, boolean store) {
    String jobId = job.graph.jobId();
    if (jobs.containsKey(jobId)) {
      classLoaders.release(job.loaderKey);
      throw new RestServer.RestException(409, "Job " + jobId + " was submitted already");
    }
    byte[] graphBytes = graphBytes(job);
    if (store && jobStore != null) {
      try {
        jobStore.put(jobId, graphBytes, job.jar);
      } catch (java.io.IOException e) {
        classLoaders.release(job.loaderKey);
        throw new RestServer.RestException(500, "Cannot keep job " + jobId + " in the job store: " + e.getMessage());
      }
    }
    jobs.put(jobId, job);
    ClassLoader loader = classLoaders.get(job.loaderKey);
    job.deployment = new ClusterDeployment(this, job.graph, graphBytes, loader);
    job.client = new JobRunClient(new JobRun(job.graph, loader, job.deployment, metrics, false));
    job.client.getJobExecutionResult().whenComplete((result, failure) -> thread.execute(() ->
        jobEnded(job, result, failure)));
    LOG.info("Job '{}' ({}) submitted", job.graph.jobName(), jobId);
    return jobId;
  }

  /**
   * Keeps submitted jobs in {@code store} from now on, and resumes the jobs already in it (a
   * previous job manager's, on YARN the previous ApplicationMaster attempt's), each from its
   * latest completed checkpoint. Completes with the resumed jobs' ids. Any thread.
   */
  public CompletableFuture<List<String>> useJobStore(JobStore store) {
    return CompletableFuture.supplyAsync(() -> {
      jobStore = store;
      List<String> resumed = new ArrayList<>();
      List<JobStore.StoredJob> stored;
      try {
        stored = store.jobs();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Cannot read the job store: " + e.getMessage(), e);
      }
      for (JobStore.StoredJob s : stored) {
        ClusterJob plain = load(s.jobGraph(), s.jar(), null);
        classLoaders.release(plain.loaderKey);
        String checkpoints = plain.graph.configuration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        String latest = null;
        if (!checkpoints.isEmpty()) {
          try {
            CheckpointStorage storage = new CheckpointStorage(checkpoints, s.jobId());
            List<Long> completed = storage.completedCheckpointIds();
            latest = completed.isEmpty() ? null
                : storage.checkpointDirectory(completed.get(completed.size() - 1)).toString();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot look for the checkpoints of job " + s.jobId() + " in "
                + checkpoints + ", so it cannot resume: " + e.getMessage(), e);
          }
        }
        LOG.info("Resuming job '{}' ({}) from {}", plain.graph.jobName(), s.jobId(),
            latest == null ? "the beginning (no completed checkpoint)" : latest);
        resumed.add(start(load(s.jobGraph(), s.jar(), latest), false));
      }
      return resumed;
    }, thread);
  }

  private static byte[] graphBytes(ClusterJob job) {
    return UserCodeSerialization.serialize(job.graph, "the job graph", job.graph.jobName());
  }

  private void jobEnded(ClusterJob job, JobExecutionResult result, Throwable failure) {
    job.endTime = System.currentTimeMillis();
    job.result = result;
    if (failure == null) {
      job.state = "FINISHED";
    } else if (job.state.equals("CANCELLING")) {
      job.state = "CANCELED";
    } else {
      job.state = "FAILED";
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
          : failure;
      Throwable root = cause.getCause() != null ? cause.getCause() : cause;
      job.rootException = root instanceof RemoteTaskException ? root.getMessage() : root.toString();
    }
    LOG.info("Job '{}' ({}) {}{}", job.graph.jobName(), job.graph.jobId(), job.state,
        job.rootException == null ? "" : ": " + job.rootException);
    for (WorkerPool.Worker w : pool.all()) {
      if (w.jars.remove(job.graph.jobId())) {
        send(w.channel, new ControlMessage.ReleaseJob(job.graph.jobId()));
      }
    }
    classLoaders.release(job.loaderKey);
    job.jar = null;
    if (jobStore != null && !superseded(failure)) {
      try {
        jobStore.remove(job.graph.jobId());
      } catch (java.io.IOException e) {
        LOG.warn("Cannot remove ended job {} from the job store", job.graph.jobId(), e);
      }
    }
    archiver.archive(job.graph.jobId(), job.graph.jobName(), archiver.isOn() ? JobViews.archive(job.graph, job.client,
        job.info(metricStore)) : Map.of(), () -> thread.execute(() -> completeEnded(job)));
  }

  private static void completeEnded(ClusterJob job) {
    for (CompletableFuture<Void> f : job.ended) {
      f.complete(null);
    }
    job.ended.clear();
  }

  /**
   * True if a job ended because another run of it (a newer ApplicationMaster attempt's) took over
   * its checkpoints: the job lives on there, so it stays in the job store.
   */
  private static boolean superseded(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.nagare.runtime.checkpoint.CheckpointOwnershipException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completes with the reason when a client asks the cluster to stop ({@code DELETE /cluster});
   * the process hosting the job manager then closes it (a YARN session unregisters first).
   */
  public CompletableFuture<String> shutdownRequested() {
    return shutdownRequested;
  }

  /**
   * Keeps {@code n} workers idle (no slot in use) beyond what jobs use, asking the resource driver
   * for more as spares are used or lost, so a job that loses a worker restarts on a spare at once.
   * Any thread.
   */
  public void keepSpareWorkers(int n) {
    thread.execute(() -> pool.keepSpares(n));
  }

  /**
   * Gives workers back to the resource driver once they have been idle (no slot in use) for {@code
   * timeout}, keeping at least {@code keep} workers and the spares ({@link #keepSpareWorkers}). For
   * drivers whose workers cost while idle, such as YARN containers. Any thread.
   */
  public void releaseIdleWorkers(Duration timeout, int keep) {
    thread.execute(() -> pool.releaseIdleAfter(timeout.toMillis(), keep));
  }

  /** Asks the resource driver for {@code n} workers now, before any job needs them (a session's -n). Any thread. */
  public void startWorkers(int n) {
    thread.execute(() -> pool.startWorkers(n));
  }

  /**
   * Submits a job from this process (a per-job ApplicationMaster): {@code jobGraph} is the
   * Java-serialized plan, {@code jar} its code. Completes with the job's id once its run started.
   */
  public CompletableFuture<String> submitJob(byte[] jobGraph, byte[] jar) {
    java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(4 + jobGraph.length + jar.length);
    body.putInt(jobGraph.length).put(jobGraph).put(jar);
    return submit(body.array());
  }

  /** Completes with the job as {@code /jobs/<id>} shows it once it has ended. Any thread. */
  public CompletableFuture<JobInfo> jobEnded(String jobId) {
    return onThread(() -> {
      ClusterJob job = jobs.get(jobId);
      if (job == null) {
        throw new IllegalArgumentException("No job " + jobId);
      }
      return job;
    }).thenCompose(job -> awaitEnd(job, Long.MAX_VALUE / 2)).thenCompose(job -> onThread(() -> job.info(metricStore)));
  }

  /** Runs {@code action} on the job manager's thread. */
  void execute(Runnable action) {
    thread.execute(action);
  }

  /**
   * Deploys an attempt of a job: waits for enough free slots (at most {@code slot.request.timeout};
   * completing {@code slots} exceptionally withdraws the request), ships the jar to task managers
   * that lack it and sends each its share. Any thread.
   */
  CompletableFuture<RemoteAttempt> deploy(ClusterDeployment deployment, Deployment.Attempt attempt,
      CompletableFuture<Map<SlotAssignment.Subtask, SlotAssignment.Slot>> slots) {
    thread.execute(() -> pool.requestSlots(deployment.job(), slots));
    return slots.thenApplyAsync(placement -> startDeployment(deployment, attempt, placement), thread);
  }

  private RemoteAttempt startDeployment(ClusterDeployment deployment, Deployment.Attempt attempt,
      Map<SlotAssignment.Subtask, SlotAssignment.Slot> slots) {
    JobGraph graph = deployment.job();
    Map<SlotAssignment.Subtask, String> placement = new LinkedHashMap<>();
    Map<String, ControlChannel> channels = new LinkedHashMap<>();
    List<ControlMessage.Placement> placements = new ArrayList<>();
    for (Map.Entry<SlotAssignment.Subtask, SlotAssignment.Slot> e : slots.entrySet()) {
      String tm = e.getValue().taskManager();
      WorkerPool.Worker w = pool.worker(tm);
      if (w == null) {
        pool.releaseSlots(graph.jobId());
        throw new CompletionException(new RemoteAttempt.TaskManagerLostException("Task manager " + tm
            + " was lost before job '" + graph.jobName() + "' could be deployed on it"));
      }
      placement.put(e.getKey(), tm);
      channels.put(tm, w.channel);
      placements.add(new ControlMessage.Placement(e.getKey().vertex(), e.getKey().index(), tm,
          w.registration.host(), w.registration.dataPort()));
    }
    ClusterJob job = jobs.get(graph.jobId());
    for (String tm : channels.keySet()) {
      WorkerPool.Worker w = pool.worker(tm);
      if (w.jars.add(graph.jobId())) {
        sendJar(w.channel, graph.jobId(), job.jar);
      }
    }
    RemoteAttempt a = new RemoteAttempt(new ControlMessage.AttemptId(graph.jobId(), attempt.number()), graph,
        deployment.userClassLoader(), attempt, placement, channels,
        () -> deployment.running(attempt.number()).complete(System.currentTimeMillis()));
    attempts.put(a.id(), a);
    a.deploy(deployment.jobGraph(), placements, attempt.restore() == null ? null : attempt.restore().path(),
        attempt.storage().baseDirectory());
    LOG.info("Job '{}': attempt {} deployed to {} task manager(s)", graph.jobName(), attempt.number(),
        channels.size());
    return a;
  }

  /** Pieces of a jar small enough for one control frame each. */
  private static final int JAR_CHUNK = 4 << 20;

  private static void sendJar(ControlChannel channel, String jobId, byte[] jar) {
    int offset = 0;
    do {
      int end = Math.min(jar.length, offset + JAR_CHUNK);
      send(channel, new ControlMessage.JarChunk(jobId, java.util.Arrays.copyOfRange(jar, offset, end),
          end == jar.length));
      offset = end;
    } while (offset < jar.length);
  }

  /** Ends an attempt: its task managers drop its partitions and threads, and its slots are free again. Any thread. */
  CompletableFuture<Void> releaseAttempt(RemoteAttempt a) {
    return CompletableFuture.runAsync(() -> {
      attempts.remove(a.id());
      for (Map.Entry<String, ControlChannel> e : a.workers().entrySet()) {
        WorkerPool.Worker w = pool.worker(e.getKey());
        if (w != null && w.channel == e.getValue()) {
          send(w.channel, new ControlMessage.ReleaseAttempt(a.id()));
        }
      }
      pool.releaseSlots(a.id().job());
    }, thread);
  }

  private static void send(ControlChannel channel, ControlMessage message) {
    channel.send(ControlMessage.encode(message));
  }

  private void onConnected(ControlChannel channel) {
    channel.setReceiver(body -> thread.execute(() -> onMessage(channel, body)));
    channel.closed().thenRun(() -> thread.execute(() -> onClosed(channel)));
  }

  private void onMessage(ControlChannel channel, byte[] body) {
    ControlMessage message;
    try {
      message = ControlMessage.decode(body);
    } catch (IllegalArgumentException e) {
      LOG.warn("Closing the control connection from {}: {}", channel.remoteAddress(), e.getMessage());
      channel.close();
      return;
    }
    if (message instanceof ControlMessage.RegisterTaskManager r) {
      register(channel, r);
    } else if (message instanceof ControlMessage.AboutAttempt m) {
      if (m instanceof ControlMessage.TaskEnded ended && ended.finalMetrics() != null) {
        metricStore.onSamples(ended.finalMetrics());
      }
      RemoteAttempt a = attempts.get(m.attempt());
      if (a != null) {
        try {
          a.onMessage(m);
        } catch (java.io.IOException | ClassNotFoundException | RuntimeException e) {
          a.fail(new IllegalStateException("Cannot handle " + m.getClass().getSimpleName() + " of " + m.attempt()
              + ": " + e, e));
        }
      }
    } else if (message instanceof ControlMessage.MetricsReport r) {
      metricStore.onReport(r);
    } else if (message instanceof ControlMessage.Heartbeat h) {
      WorkerPool.Worker w = pool.worker(h.id());
      if (w != null && w.channel == channel) {
        w.lastHeartbeat = clock.getAsLong();
      }
    } else {
      LOG.warn("Unexpected {} from {}", message.getClass().getSimpleName(), channel.remoteAddress());
    }
  }

  private void register(ControlChannel channel, ControlMessage.RegisterTaskManager r) {
    if (r.slots() < 1) {
      channel.send(ControlMessage.encode(new ControlMessage.Refused("A task manager needs at least one slot, not "
          + r.slots() + " (taskmanager.numberOfTaskSlots)")));
      channel.close();
      return;
    }
    WorkerPool.Worker previous = pool.worker(r.id());
    if (previous != null && previous.channel != channel) {
      declareLost(r.id(), previous, "it registered again");
    }
    pool.register(new WorkerPool.Worker(channel, r, clock.getAsLong()), previous != null);
    channel.send(ControlMessage.encode(new ControlMessage.Registered(id, heartbeatIntervalMillis)));
    if (tokens != null) {
      channel.send(ControlMessage.encode(tokens));
    }
    LOG.info("Task manager {} (pid {}) registered from {} with {} slots; data port {}", r.id(), r.pid(),
        channel.remoteAddress(), r.slots(), r.dataPort());
  }

  /** Sends delegation tokens (Hadoop's token storage format) to every task manager now and to each registering later. */
  public void distributeTokens(byte[] credentials) {
    thread.execute(() -> {
      tokens = new ControlMessage.Tokens(credentials);
      pool.all().forEach(w -> w.channel.send(ControlMessage.encode(tokens)));
    });
  }

  private void onClosed(ControlChannel channel) {
    pool.on(channel).forEach((workerId, w) -> declareLost(workerId, w, "its connection closed"));
  }

  /** Declares silent workers lost and releases long-idle ones; every heartbeat interval. Job manager thread. */
  private void checkWorkers() {
    long now = clock.getAsLong();
    pool.silentFor(heartbeatTimeoutMillis, now).forEach((workerId, w) -> declareLost(workerId, w, "no heartbeat for "
        + (now - w.lastHeartbeat) + " ms (heartbeat.timeout: " + heartbeatTimeoutMillis + " ms)"));
    pool.releaseIdle(now);
  }

  private void declareLost(String workerId, WorkerPool.Worker worker, String reason) {
    if (pool.removeLost(workerId, worker)) {
      LOG.warn("Task manager {} (pid {}) is lost: {}", workerId, worker.registration.pid(), reason);
      metricStore.removeTaskManager(workerId);
      worker.channel.close();
      for (RemoteAttempt a : new ArrayList<>(attempts.values())) {
        a.onWorkerLost(workerId, reason);
      }
    }
  }

  private void changed() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.taskManagers() == pool.size()) {
        it.remove();
        w.result().complete(currentOverview());
      }
    }
  }

  private Overview currentOverview() {
    Map<String, Integer> byState = new HashMap<>();
    for (ClusterJob job : jobs.values()) {
      byState.merge(job.isTerminal() ? job.state : "RUNNING", 1, Integer::sum);
    }
    return new Overview(pool.size(), pool.totalSlots(), pool.freeSlotCount(), pool.lost(), byState.getOrDefault("RUNNING", 0),
        byState.getOrDefault("FINISHED", 0), byState.getOrDefault("CANCELED", 0), byState.getOrDefault("FAILED", 0));
  }

  /** The cluster's state now. Any thread. */
  public CompletableFuture<Overview> overview() {
    return CompletableFuture.supplyAsync(this::currentOverview, thread);
  }

  /** Completes with the overview once exactly {@code n} task managers are registered. Any thread. */
  public CompletableFuture<Overview> awaitTaskManagers(int n) {
    CompletableFuture<Overview> result = new CompletableFuture<>();
    thread.execute(() -> {
      if (pool.size() == n) {
        result.complete(currentOverview());
      } else {
        waiters.add(new Waiter(n, result));
      }
    });
    return result;
  }

  /**
   * Completes once the task managers' metric values are at most {@code metrics.fetcher.update-interval}
   * old (asking them if need be). Any thread.
   */
  public CompletableFuture<Void> refreshMetrics() {
    long interval = conf.get(io.nagare.api.configuration.MetricOptions.FETCHER_UPDATE_INTERVAL).toMillis();
    return CompletableFuture.supplyAsync(() -> metricStore.fetch(pool.all(), clock.getAsLong(), interval, thread),
        thread).thenCompose(f -> f);
  }

  /**
   * Computes {@code view} of job {@code jobId} on the job manager's thread, where the job, the
   * metric store and the worker pool may be read ({@link #onThread}); a 404 for an unknown job. Any
   * thread.
   */
  <T> CompletableFuture<T> viewJob(String jobId, java.util.function.Function<ClusterJob, T> view) {
    return onThread(() -> view.apply(job(jobId)));
  }

  /** Task managers' metric values for REST; job manager thread only. */
  MetricStore metricStore() {
    return metricStore;
  }

  /** This process's metric registry (the job manager's and each job's own metrics). */
  MetricRegistry metrics() {
    return metrics;
  }

  /** The registered task managers; job manager thread only. */
  List<TaskManagerInfo> taskManagerInfos() {
    return pool.infos();
  }

  /** The job manager's clock (epoch ms). */
  long now() {
    return clock.getAsLong();
  }

  /** The job manager's configuration. */
  Configuration configuration() {
    return conf;
  }

  /** The registered task managers. Any thread. */
  public CompletableFuture<List<TaskManagerInfo>> taskManagers() {
    return CompletableFuture.supplyAsync(pool::infos, thread);
  }

  /** Cancels the running jobs and stops; a second call does nothing. Not from the job manager's thread. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    List<JobRunClient> running = CompletableFuture.supplyAsync(() -> {
      List<JobRunClient> clients = new ArrayList<>();
      for (ClusterJob job : jobs.values()) {
        if (!job.isTerminal() && job.client != null) {
          clients.add(job.client);
        }
      }
      return clients;
    }, thread).exceptionally(e -> List.of()).join();
    for (JobRunClient client : running) {
      client.cancel();
    }
    if (rest != null) {
      rest.close();
    }
    if (control != null) {
      control.close();
    }
    driver.close();
    thread.shutdownNow();
    archiver.close();
    classLoaders.close();
    metrics.close();
  }
}
