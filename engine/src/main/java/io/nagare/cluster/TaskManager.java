package io.nagare.cluster;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SecurityOptions;
import io.nagare.fs.HadoopFileSystems;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.metrics.MetricRegistry;
import io.nagare.metrics.MetricReporters;
import io.nagare.metrics.SystemMetrics;
import io.nagare.network.ClusterSecret;
import io.nagare.network.ControlChannel;
import io.nagare.network.ControlClient;
import io.nagare.network.DataClient;
import io.nagare.network.DataServer;
import io.nagare.network.FrameLimits;
import io.nagare.network.PartitionId;
import io.nagare.security.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import io.nagare.runtime.io.ResultSubpartition;
import io.nagare.security.ClassAllowList;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task manager: offers {@code taskmanager.numberOfTaskSlots} slots to its job manager, runs the
 * subtasks the job manager deploys to it (each job's code loaded from the job's jar by a class
 * loader of its own, dropped when the job ends), serves their output to other task managers on its
 * data port and reads theirs, and keeps one control connection to the job manager, which it opens,
 * registers on and heartbeats over. If that connection breaks it cancels its subtasks (the job
 * manager restarts them elsewhere), reconnects and registers again, backing off up to the
 * heartbeat timeout.
 *
 * <p>Threading: its state is owned by its one thread ({@code nagare-taskmanager}); network threads
 * hand it messages.
 */
public final class TaskManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);

  private final String id;
  private final Configuration conf;
  private final int slots;
  private final InetSocketAddress jobManager;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "nagare-taskmanager");
    t.setDaemon(true);
    return t;
  });
  private final Map<PartitionId, ResultSubpartition> partitions = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> registered = new CompletableFuture<>();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final UserCodeClassLoaders classLoaders;
  private final Map<String, java.io.ByteArrayOutputStream> incomingJars = new HashMap<>();
  private final Map<ControlMessage.AttemptId, DeployedAttempt> attempts = new HashMap<>();
  private final ControlClient controlClient;
  private final DataClient dataClient;
  /** The process's metrics; each deployed attempt registers its subtasks' under {@link #metricGroup}. */
  private final MetricRegistry metrics;
  private final GenericMetricGroup metricGroup;
  private DataServer dataServer;
  private ControlChannel channel;
  private ScheduledFuture<?> heartbeats;
  private long retryDelayMillis = 100;
  private boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

  private TaskManager(Configuration conf, ClusterSecret secret, MetricRegistry metrics) {
    String resourceId = conf.get(ClusterOptions.TASK_MANAGER_RESOURCE_ID).trim();
    this.id = resourceId.isEmpty() ? "tm-" + UUID.randomUUID().toString().substring(0, 8) : resourceId;
    this.metrics = metrics;
    this.metricGroup = metrics.taskManagerGroup(id);
    registerProcessMetrics(metricGroup);
    this.conf = conf;
    this.slots = conf.get(ClusterOptions.TASK_SLOTS);
    this.jobManager = new InetSocketAddress(conf.get(ClusterOptions.JOB_MANAGER_ADDRESS),
        Integer.parseInt(conf.get(ClusterOptions.JOB_MANAGER_PORT).trim()));
    SslContext tls = TlsContexts.internalClient(conf);
    this.controlClient = new ControlClient(secret, tls, FrameLimits.control(conf));
    this.classLoaders = new UserCodeClassLoaders(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
        "nagare-" + id), TaskManager.class.getClassLoader(),
        ClassAllowList.withSetting(conf.get(SecurityOptions.DESERIALIZATION_ALLOWED_CLASSES)));
    this.dataClient = new DataClient(secret, tls);
  }

  /** Registers a task manager process's own metrics in {@code group}: the JVM's and the network buffers'. */
  public static void registerProcessMetrics(GenericMetricGroup group) {
    SystemMetrics.register(group);
    io.nagare.runtime.io.NetworkBuffers.registerMetrics(group);
  }

  /**
   * Starts a task manager: binds its data port ({@code taskmanager.data.port}) and starts
   * connecting to the job manager at {@code jobmanager.rpc.address}:{@code jobmanager.rpc.port}.
   *
   * @throws BindException if no data port is free
   * @throws IllegalArgumentException if {@code jobmanager.rpc.port} is not one port
   */
  public static TaskManager start(Configuration conf, ClusterSecret secret) throws BindException,
      InterruptedException {
    String port = conf.get(ClusterOptions.JOB_MANAGER_PORT).trim();
    if (!port.matches("[1-9][0-9]{0,4}")) {
      throw new IllegalArgumentException("A task manager needs the job manager's port, one port, in"
          + " 'jobmanager.rpc.port', not '" + port + "'");
    }
    TaskManager tm = new TaskManager(conf, secret, MetricReporters.createRegistry(conf));
    try {
      tm.dataServer = DataServer.start(conf.get(ClusterOptions.TASK_MANAGER_HOST),
          conf.get(ClusterOptions.TASK_MANAGER_DATA_PORT), secret, TlsContexts.internalServer(conf),
          tm.partitions::get);
    } catch (BindException | InterruptedException | RuntimeException e) {
      tm.metrics.close();
      throw e;
    }
    tm.thread.execute(tm::connect);
    Thread warmUp = new Thread(() -> warmUpFileSystem(conf), "nagare-fs-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    return tm;
  }

  /**
   * Opens the file system checkpoints go to ({@code state.checkpoints.dir}, else the default file
   * system) once, on a thread of its own, so that the first restore on this task manager, often
   * the one after another task manager was lost, does not also pay for loading and connecting the
   * file system's client.
   */
  private static void warmUpFileSystem(Configuration conf) {
    String dir = conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY).trim();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.isEmpty() ? "/" : dir);
    long startNanos = System.nanoTime();
    try {
      HadoopFileSystems.of(path).exists(path);
      LOG.debug("Opened the file system of {} in {} ms", path, (System.nanoTime() - startNanos) / 1_000_000);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("Cannot reach the file system of {} yet ({}); checkpoints and restores will try again", path,
          e.toString());
    }
  }

  public String id() {
    return id;
  }

  public int dataPort() {
    return dataServer.port();
  }

  /** Completes when the job manager accepted this task manager. */
  public CompletableFuture<Void> registered() {
    return registered;
  }

  /** Completes when the task manager has stopped for good (closed, or refused by the job manager). */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  private void connect() {
    if (closed) {
      return;
    }
    controlClient.connect(jobManager, body -> thread.execute(() -> onMessage(body)))
        .whenComplete((c, error) -> thread.execute(() -> onConnected(c, error)));
  }

  private void onConnected(ControlChannel c, Throwable error) {
    if (closed) {
      if (c != null) {
        c.close();
      }
      return;
    }
    if (error != null) {
      long max = conf.get(ClusterOptions.HEARTBEAT_TIMEOUT).toMillis();
      LOG.warn("Cannot reach the job manager at {}: {}; trying again in {} ms", jobManager, error.getMessage(),
          retryDelayMillis);
      thread.schedule(this::connect, retryDelayMillis, TimeUnit.MILLISECONDS);
      retryDelayMillis = Math.min(max, retryDelayMillis * 2);
      return;
    }
    channel = c;
    c.closed().thenRun(() -> thread.execute(() -> onDisconnected(c)));
    c.send(ControlMessage.encode(new ControlMessage.RegisterTaskManager(id, conf.get(ClusterOptions.TASK_MANAGER_HOST),
        dataServer.port(), slots, ProcessHandle.current().pid(), metrics.reporterAddresses(),
        conf.get(ClusterOptions.TASK_MANAGER_LOG_URL))));
  }

  private void onMessage(byte[] body) {
    ControlMessage message = ControlMessage.decode(body);
    if (message instanceof ControlMessage.Registered r) {
      retryDelayMillis = 100;
      if (heartbeats != null) {
        heartbeats.cancel(false);
      }
      ControlChannel c = channel;
      heartbeats = thread.scheduleAtFixedRate(() -> c.send(ControlMessage.encode(new ControlMessage.Heartbeat(id))),
          0, r.heartbeatIntervalMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Task manager {} registered with job manager {} at {} ({} slots, data port {})", id, r.jobManagerId(),
          jobManager, slots, dataServer.port());
      registered.complete(null);
    } else if (message instanceof ControlMessage.JarChunk chunk) {
      java.io.ByteArrayOutputStream jar = incomingJars.computeIfAbsent(chunk.job(),
          j -> new java.io.ByteArrayOutputStream());
      jar.writeBytes(chunk.data());
      if (chunk.last()) {
        incomingJars.remove(chunk.job());
        classLoaders.register(chunk.job(), jar.toByteArray());
      }
    } else if (message instanceof ControlMessage.DeployTasks deploy) {
      deploy(deploy);
    } else if (message instanceof ControlMessage.ReleaseJob release) {
      for (DeployedAttempt a : new ArrayList<>(attempts.values())) {
        if (a.id().job().equals(release.job())) {
          releaseAttempt(a.id());
        }
      }
      classLoaders.release(release.job());
    } else if (message instanceof ControlMessage.AboutAttempt about) {
      onAttemptMessage(about);
    } else if (message instanceof ControlMessage.RequestMetrics request) {
      channel.send(ControlMessage.encode(new ControlMessage.MetricsReport(id, request.request(),
          MetricSample.of(metrics))));
    } else if (message instanceof ControlMessage.Tokens tokens) {
      addTokens(tokens);
    } else if (message instanceof ControlMessage.Refused r) {
      LOG.error("The job manager at {} refused task manager {}: {}", jobManager, id, r.reason());
      stopConnecting();
      terminated.completeExceptionally(new IllegalStateException("The job manager refused this task manager: "
          + r.reason()));
    }
  }

  private void addTokens(ControlMessage.Tokens tokens) {
    try {
      int added = io.nagare.fs.HadoopCredentials.addToCurrentUser(tokens.credentials());
      LOG.info("Task manager {} got {} fresh delegation token(s)", id, added);
    } catch (java.io.IOException e) {
      LOG.error("Task manager {} cannot read the delegation tokens the job manager sent", id, e);
    }
  }

  private void deploy(ControlMessage.DeployTasks deploy) {
    ClassLoader loader = classLoaders.get(deploy.attempt().job());
    String error = null;
    if (loader == null) {
      error = "it has no jar of job " + deploy.attempt().job();
    } else {
      try {
        long startNanos = System.nanoTime();
        DeployedAttempt attempt = new DeployedAttempt(deploy, id, conf, loader, channel, dataClient, partitions,
            metricGroup);
        attempts.put(deploy.attempt(), attempt);
        LOG.info("Task manager {} built {} subtask(s) of attempt {} of job {} in {} ms{}", id, attempt.subtasks(),
            deploy.attempt().attempt(), deploy.attempt().job(),
            (System.nanoTime() - startNanos) / 1_000_000,
            deploy.restorePath() == null ? "" : ", restoring from " + deploy.restorePath());
      } catch (Exception | LinkageError e) {
        LOG.warn("Task manager {} cannot deploy {}", id, deploy.attempt(), e);
        error = e.toString();
      }
    }
    channel.send(ControlMessage.encode(new ControlMessage.TasksDeployed(deploy.attempt(), id, error)));
  }

  private void onAttemptMessage(ControlMessage.AboutAttempt message) {
    DeployedAttempt a = attempts.get(message.attempt());
    if (a == null) {
      return;
    }
    if (message instanceof ControlMessage.StartTasks) {
      a.start();
    } else if (message instanceof ControlMessage.CancelTask cancel) {
      a.cancel(cancel.vertex(), cancel.index());
    } else if (message instanceof ControlMessage.ReleaseAttempt) {
      releaseAttempt(a.id());
    } else if (message instanceof ControlMessage.TriggerCheckpoint trigger) {
      a.triggerCheckpoint(trigger);
    } else if (message instanceof ControlMessage.CheckpointComplete complete) {
      a.checkpointComplete(complete);
    } else if (message instanceof ControlMessage.AddSplits add) {
      try {
        a.addSplits(add);
      } catch (java.io.IOException | RuntimeException e) {
        LOG.error("Task manager {} cannot hand splits to source subtask {} of {}; cancelling it", id, add.index(),
            add.attempt(), e);
        a.cancel(add.vertex(), add.index());
      }
    } else if (message instanceof ControlMessage.NoMoreSplits done) {
      a.noMoreSplits(done);
    } else {
      LOG.warn("Unexpected {} from the job manager", message.getClass().getSimpleName());
    }
  }

  /** Cancels what is left of an attempt and frees what it held. Task manager thread. */
  private void releaseAttempt(ControlMessage.AttemptId attempt) {
    DeployedAttempt a = attempts.remove(attempt);
    if (a == null) {
      return;
    }
    a.cancelAll();
    try {
      a.release();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The job manager is gone: its subtasks here are cancelled, since it restarts them from its side. */
  private void cancelEverything() {
    for (ControlMessage.AttemptId attempt : new ArrayList<>(attempts.keySet())) {
      releaseAttempt(attempt);
    }
    for (String job : classLoaders.jobs()) {
      classLoaders.release(job);
    }
    incomingJars.clear();
  }

  private void onDisconnected(ControlChannel c) {
    if (closed || c != channel) {
      return;
    }
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    cancelEverything();
    LOG.warn("Task manager {} lost its connection to the job manager at {}; reconnecting", id, jobManager);
    connect();
  }

  /** Stops heartbeating and reconnecting, and closes the control connection. Task manager thread. */
  private void stopConnecting() {
    closed = true;
    cancelEverything();
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    if (channel != null) {
      channel.close();
    }
  }

  /** Stops the task manager; not from its own thread. A second call does nothing. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture.runAsync(this::stopConnecting, thread).exceptionally(e -> null).join();
    controlClient.close();
    dataClient.close();
    if (dataServer != null) {
      dataServer.close();
    }
    thread.shutdownNow();
    classLoaders.close();
    metrics.close();
    terminated.complete(null);
  }
}
