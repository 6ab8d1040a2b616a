package io.nagare.yarn;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.MemoryOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.YarnOptions;
import io.nagare.cluster.ResourceDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task managers as YARN containers. A worker request becomes a container request sized by {@code
 * taskmanager.memory.process.size} and {@code yarn.containers.vcores}; each allocation satisfies one
 * request, which is removed at once (the ResourceManager counts totals), and a surplus container
 * is given back; a task manager is launched in each container from the application's staged
 * files, under the container's id, with the cluster secret in its credentials. A container that
 * completes is a lost worker; preempted and aborted containers do not count toward {@code
 * yarn.container-failures.max-per-minute}, and failing more often than that fails the
 * application rather than looping forever. While containers are wanted the ResourceManager is
 * asked every 100 ms, so a replacement is not held up by the heartbeat; otherwise every second.
 *
 * <p>Threading: every YARN callback and every request of the job manager is handed to the
 * driver's one thread ({@code nagare-yarn-driver}), which owns all its state. Requests made
 * before registration wait in the client until its first heartbeat, which registration starts.
 */
public final class YarnResourceDriver implements ResourceDriver {
  private static final Logger LOG = LoggerFactory.getLogger(YarnResourceDriver.class);
  private static final Priority PRIORITY = Priority.newInstance(1);
  /** How often the ResourceManager is asked for containers while some are wanted, and otherwise. */
  private static final int PENDING_HEARTBEAT_MILLIS = 100;
  private static final int IDLE_HEARTBEAT_MILLIS = 1000;

  private final Configuration conf;
  private final org.apache.hadoop.conf.Configuration hadoop;
  private final String stagingDir;
  private final String jobManagerHost;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nagare-yarn-driver");
    t.setDaemon(true);
    return t;
  });
  private final CompletableFuture<String> fatal = new CompletableFuture<>();
  private final LongSupplier clock;
  private final AMRMClientAsync<AMRMClient.ContainerRequest> resourceManager;
  private final NMClientAsync nodeManagers;
  private final Deque<AMRMClient.ContainerRequest> requests = new ArrayDeque<>();
  private final Map<ContainerId, Container> containers = new HashMap<>();
  private final Deque<Long> failures = new ArrayDeque<>();
  private final ProcessMemory taskManagerMemory;
  /** Set by {@link #register} before any container can be allocated; read on the driver's thread. */
  private volatile Map<String, LocalResource> localResources;
  private volatile int jobManagerPort;
  private Events events;

  /**
   * Creates the driver and starts its YARN clients; {@link #register} registers the
   * ApplicationMaster.
   *
   * @param stagingDir the application's staged files, which task managers' containers localize
   */
  public YarnResourceDriver(Configuration conf, org.apache.hadoop.conf.Configuration hadoop, String stagingDir,
      String jobManagerHost) {
    this.conf = conf;
    this.hadoop = hadoop;
    this.stagingDir = stagingDir;
    this.jobManagerHost = jobManagerHost;
    this.clock = System::currentTimeMillis;
    this.taskManagerMemory = ProcessMemory.forTaskManager(conf.get(YarnOptions.TASK_MANAGER_MEMORY).getBytes() >> 20,
        conf, YarnOptions.TASK_MANAGER_MEMORY.key());
    this.resourceManager = AMRMClientAsync.createAMRMClientAsync(IDLE_HEARTBEAT_MILLIS, new ResourceManagerEvents());
    this.nodeManagers = NMClientAsync.createNMClientAsync(new NodeManagerEvents());
    resourceManager.init(hadoop);
    resourceManager.start();
    nodeManagers.init(hadoop);
    nodeManagers.start();
  }

  /**
   * Registers the ApplicationMaster with the ResourceManager, its tracking URL pointing at the
   * job manager's REST endpoint.
   *
   * @throws IllegalArgumentException if the cluster cannot grant a task manager's container
   */
  public void register(int jobManagerPort, String trackingUrl) throws Exception {
    this.jobManagerPort = jobManagerPort;
    Map<String, LocalResource> resources = Containers.localResources(hadoop, Containers.resourceDirs(stagingDir,
        conf.get(YarnOptions.PROVIDED_LIB_DIRS)));
    resources.putAll(Containers.privateResources(hadoop, stagingDir));
    localResources = resources;
    RegisterApplicationMasterResponse response = resourceManager.registerApplicationMaster(jobManagerHost, -1,
        trackingUrl);
    for (Container old : response.getContainersFromPreviousAttempts()) {
      LOG.info("Releasing {} of a previous ApplicationMaster attempt; its task manager knew the old job manager",
          old.getId());
      resourceManager.releaseAssignedContainer(old.getId());
    }
    Resource max = response.getMaximumResourceCapability();
    if (taskManagerMemory.processMb() > max.getMemorySize()) {
      throw new IllegalArgumentException(YarnOptions.TASK_MANAGER_MEMORY.key() + " of "
          + taskManagerMemory.processMb() + " MB exceeds the largest container this YARN cluster grants ("
          + max.getMemorySize() + " MB)");
    }
    LOG.info("Registered with the ResourceManager; tracking URL {}; containers up to {} MB, {} vcores", trackingUrl,
        max.getMemorySize(), max.getVirtualCores());
  }

  /** Completes with the reason when the application must fail (containers failing too often, a YARN error). */
  public CompletableFuture<String> fatal() {
    return fatal;
  }

  /** Unregisters with {@code status} and {@code diagnostics}, so YARN shows how the application ended. */
  public void unregister(FinalApplicationStatus status, String diagnostics, String finalTrackingUrl)
      throws Exception {
    resourceManager.unregisterApplicationMaster(status, diagnostics, finalTrackingUrl);
  }

  @Override
  public void start(Events events) {
    this.events = events;
  }

  @Override
  public void requestWorker(WorkerSpec spec) {
    thread.execute(() -> {
      AMRMClient.ContainerRequest request = new AMRMClient.ContainerRequest(Resource.newInstance(
          taskManagerMemory.processMb(), conf.get(YarnOptions.CONTAINER_VCORES)), null, null, PRIORITY, true,
          conf.get(YarnOptions.NODE_LABEL).isEmpty() ? null : conf.get(YarnOptions.NODE_LABEL));
      requests.add(request);
      resourceManager.addContainerRequest(request);
      resourceManager.setHeartbeatInterval(PENDING_HEARTBEAT_MILLIS);
      LOG.info("Requested a task manager container ({} MB, {} vcores); {} pending", taskManagerMemory.processMb(),
          conf.get(YarnOptions.CONTAINER_VCORES), requests.size());
    });
  }

  @Override
  public void releaseWorker(String workerId) {
    thread.execute(() -> {
      ContainerId id = ContainerId.fromString(workerId);
      if (containers.remove(id) != null) {
        resourceManager.releaseAssignedContainer(id);
      }
    });
  }

  private void allocated(List<Container> allocated) {
    try {
      launchAll(allocated);
    } finally {
      if (requests.isEmpty()) {
        resourceManager.setHeartbeatInterval(IDLE_HEARTBEAT_MILLIS);
      }
    }
  }

  private void launchAll(List<Container> allocated) {
    for (Container container : allocated) {
      AMRMClient.ContainerRequest request = requests.poll();
      if (request == null) {
        LOG.info("Giving back surplus container {}", container.getId());
        resourceManager.releaseAssignedContainer(container.getId());
        continue;
      }
      resourceManager.removeContainerRequest(request);
      containers.put(container.getId(), container);
      try {
        nodeManagers.startContainerAsync(container, launchContext(container));
        LOG.info("Launching a task manager in {} on {}", container.getId(), container.getNodeId());
      } catch (IOException e) {
        containers.remove(container.getId());
        resourceManager.releaseAssignedContainer(container.getId());
        events.onWorkerLost(container.getId().toString(), "its container could not be launched: " + e);
      }
    }
  }

  /** The container's log page at its NodeManager, as the ResourceManager UI links it. */
  private String logUrl(Container container) throws IOException {
    return (org.apache.hadoop.yarn.conf.YarnConfiguration.useHttps(hadoop) ? "https://" : "http://")
        + container.getNodeHttpAddress() + "/node/containerlogs/" + container.getId() + "/"
        + UserGroupInformation.getCurrentUser().getShortUserName();
  }

    private ContainerLaunchContext launchContext(Container container) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("taskmanager",
        "-D", ClusterOptions.JOB_MANAGER_ADDRESS.key() + "=" + jobManagerHost,
        "-D", ClusterOptions.JOB_MANAGER_PORT.key() + "=" + jobManagerPort,
        "-D", ClusterOptions.TASK_MANAGER_RESOURCE_ID.key() + "=" + container.getId(),
        "-D", ClusterOptions.TASK_MANAGER_HOST.key() + "=" + container.getNodeId().getHost(),
        "-D", ClusterOptions.TASK_MANAGER_LOG_URL.key() + "=" + logUrl(container)));
    if (taskManagerMemory.managedMb() > 0) {
      args.addAll(List.of("-D", MemoryOptions.MANAGED_SIZE.key() + "=" + taskManagerMemory.managedMb() + "m"));
    }
    return ContainerLaunchContext.newInstance(localResources, Containers.environment(hadoop, stagingDir),
        Containers.command(taskManagerMemory, "io.nagare.cluster.ClusterEntrypoint", args, "taskmanager"), null,
        taskManagerTokens(), null);
  }

  /**
   * The ApplicationMaster's credentials without its ResourceManager token: the cluster secret, the
   * internal keystore's password (automatic internal TLS), file system tokens and other services'
   * tokens.
   */
  private static ByteBuffer taskManagerTokens() throws IOException {
    Credentials own = UserGroupInformation.getCurrentUser().getCredentials();
    Credentials credentials = new Credentials();
    for (Token<?> token : own.getAllTokens()) {
      if (!token.getKind().equals(AMRMTokenIdentifier.KIND_NAME)) {
        credentials.addToken(token.getService(), token);
      }
    }
    credentials.addSecretKey(Containers.SECRET_ALIAS, own.getSecretKey(Containers.SECRET_ALIAS));
    for (org.apache.hadoop.io.Text alias : own.getAllSecretKeys()) {
      if (io.nagare.api.security.ReceivedTokens.service(alias.toString()).isPresent()) {
        credentials.addSecretKey(alias, own.getSecretKey(alias));
      }
    }
    byte[] tlsPassword = own.getSecretKey(Containers.TLS_PASSWORD_ALIAS);
    if (tlsPassword != null) {
      credentials.addSecretKey(Containers.TLS_PASSWORD_ALIAS, tlsPassword);
    }
    return Containers.tokens(credentials);
  }

  private void completed(List<ContainerStatus> statuses) {
    long now = clock.getAsLong();
    for (ContainerStatus status : statuses) {
      if (containers.remove(status.getContainerId()) == null) {
        continue;
      }
      int exit = status.getExitStatus();
      String reason = "its container " + status.getContainerId() + " ended with exit status " + exit
          + (status.getDiagnostics().isBlank() ? "" : ": " + status.getDiagnostics().strip());
      events.onWorkerLost(status.getContainerId().toString(), reason);
      if (exit == ContainerExitStatus.PREEMPTED || exit == ContainerExitStatus.ABORTED
          || exit == ContainerExitStatus.KILLED_BY_RESOURCEMANAGER) {
        continue;
      }
      failures.add(now);
      while (!failures.isEmpty() && failures.peek() < now - 60_000) {
        failures.poll();
      }
      int limit = conf.get(YarnOptions.CONTAINER_FAILURES_PER_MINUTE);
      if (failures.size() > limit) {
        fatal.complete(failures.size() + " task manager containers failed within a minute (more than "
            + YarnOptions.CONTAINER_FAILURES_PER_MINUTE.key() + ": " + limit + "); the last: " + reason);
      }
    }
  }

  @Override
  public void close() {
    nodeManagers.stop();
    resourceManager.stop();
    thread.shutdownNow();
  }

  /** The ResourceManager's callbacks, handed to the driver's thread. */
  private final class ResourceManagerEvents extends AMRMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainersAllocated(List<Container> allocated) {
      thread.execute(() -> allocated(new ArrayList<>(allocated)));
    }

    @Override
    public void onContainersCompleted(List<ContainerStatus> statuses) {
      thread.execute(() -> completed(new ArrayList<>(statuses)));
    }

    @Override
    public void onContainersUpdated(List<UpdatedContainer> containers) {}

    @Override
    public void onShutdownRequest() {
      fatal.complete("the ResourceManager asked the ApplicationMaster to shut down");
    }

    @Override
    public void onNodesUpdated(List<NodeReport> nodes) {}

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void onError(Throwable e) {
      fatal.complete("the ResourceManager client failed: " + e);
    }
  }

  /** The NodeManagers' callbacks, handed to the driver's thread. */
  private final class NodeManagerEvents extends NMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainerStarted(ContainerId id, Map<String, ByteBuffer> allServiceResponse) {
      thread.execute(() -> events.onWorkerStarted(id.toString()));
    }

    @Override
    public void onStartContainerError(ContainerId id, Throwable t) {
      thread.execute(() -> {
        if (containers.remove(id) != null) {
          resourceManager.releaseAssignedContainer(id);
          events.onWorkerLost(id.toString(), "its container could not be started: " + t);
        }
      });
    }

    @Override
    public void onContainerStatusReceived(ContainerId id, ContainerStatus status) {}

    @Override
    public void onContainerStopped(ContainerId id) {}

    @Override
    public void onContainerResourceIncreased(ContainerId id, Resource resource) {}

    @Override
    public void onContainerResourceUpdated(ContainerId id, Resource resource) {}

    @Override
    public void onGetContainerStatusError(ContainerId id, Throwable t) {}

    @Override
    public void onIncreaseContainerResourceError(ContainerId id, Throwable t) {}

    @Override
    public void onUpdateContainerResourceError(ContainerId id, Throwable t) {}

    @Override
    public void onStopContainerError(ContainerId id, Throwable t) {}
  }
}
