package io.nagare.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.network.ClusterSecret;
import io.nagare.network.ControlChannel;
import io.nagare.network.ControlServer;
import io.nagare.rest.RestServer;
import java.net.BindException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job manager of a cluster: accepts task managers on its control port, keeps track of them
 * and their slots, declares one lost when its connection closes or its heartbeats stop for
 * {@code heartbeat.timeout}, and serves the REST endpoint. Workers come through a {@link
 * ResourceDriver}, so the same core runs standalone and on YARN. (Scheduling jobs onto the slots
 * comes next.)
 *
 * <p>Threading: everything the job manager knows is owned by its one thread ({@code
 * nagare-jobmanager}); network and REST threads only hand it work.
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

  /** What the REST endpoint's {@code /overview} shows. */
  public record Overview(@JsonProperty("taskmanagers") int taskmanagers,
      @JsonProperty("slots-total") int slotsTotal, @JsonProperty("slots-available") int slotsAvailable,
      @JsonProperty("taskmanagers-lost") int taskmanagersLost, @JsonProperty("jobs-running") int jobsRunning,
      @JsonProperty("jobs-finished") int jobsFinished, @JsonProperty("jobs-cancelled") int jobsCancelled,
      @JsonProperty("jobs-failed") int jobsFailed) {}

  /** One registered task manager, as {@code /taskmanagers} shows it. */
  public record TaskManagerInfo(String id, String host, int dataPort, int slots, int freeSlots, long pid,
      long lastHeartbeat) {}

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
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private int lost;
  private ControlServer control;
  private RestServer rest;

  private static final class Worker {
    final ControlChannel channel;
    final ControlMessage.RegisterTaskManager registration;
    long lastHeartbeat;

    Worker(ControlChannel channel, ControlMessage.RegisterTaskManager registration, long now) {
      this.channel = channel;
      this.registration = registration;
      this.lastHeartbeat = now;
    }
  }

  private record Waiter(int taskManagers, CompletableFuture<Overview> result) {}

  private JobManager(Configuration conf, ResourceDriver driver, LongSupplier clock) {
    this.heartbeatIntervalMillis = conf.get(ClusterOptions.HEARTBEAT_INTERVAL).toMillis();
    this.heartbeatTimeoutMillis = conf.get(ClusterOptions.HEARTBEAT_TIMEOUT).toMillis();
    this.driver = driver;
    this.clock = clock;
  }

  /**
   * Starts a job manager: its control port ({@code jobmanager.rpc.port}) and REST endpoint
   * ({@code rest.port}) are bound when this returns.
   *
   * @throws BindException naming the setting whose ports are all taken
   */
  public static JobManager start(Configuration conf, ClusterSecret secret, ResourceDriver driver)
      throws BindException, InterruptedException {
    JobManager jm = new JobManager(conf, driver, System::currentTimeMillis);
    try {
      jm.control = ControlServer.start(conf.get(ClusterOptions.JOB_MANAGER_ADDRESS), "jobmanager.rpc.port",
          conf.get(ClusterOptions.JOB_MANAGER_PORT), secret, jm::onConnected);
      jm.rest = RestServer.start(conf.get(ClusterOptions.REST_ADDRESS), conf.get(ClusterOptions.REST_PORT),
          jm.routes());
    } catch (BindException | InterruptedException | RuntimeException e) {
      jm.close();
      throw e;
    }
    driver.start(new ResourceDriver.Events() {
      @Override
      public void onWorkerStarted(String workerId) {
        LOG.info("Worker {} started", workerId);
      }

      @Override
      public void onWorkerLost(String workerId, String reason) {
        jm.thread.execute(() -> {
          Worker w = jm.workers.get(workerId);
          if (w != null) {
            jm.declareLost(workerId, w, reason);
          }
        });
      }
    });
    jm.thread.scheduleWithFixedDelay(jm::checkHeartbeats, jm.heartbeatIntervalMillis, jm.heartbeatIntervalMillis,
        TimeUnit.MILLISECONDS);
    LOG.info("Job manager {} up: control port {}, REST port {}", jm.id, jm.control.port(), jm.rest.port());
    return jm;
  }

  public int controlPort() {
    return control.port();
  }

  public int restPort() {
    return rest.port();
  }

  private Map<String, RestServer.Handler> routes() {
    Map<String, RestServer.Handler> routes = new LinkedHashMap<>();
    routes.put("/overview", parameters -> {
      List<String> await = parameters.get("await-taskmanagers");
      if (await == null) {
        return overview();
      }
      int n;
      long timeout;
      try {
        n = Integer.parseInt(await.get(0));
        timeout = Long.parseLong(parameters.getOrDefault("timeout-ms", List.of("30000")).get(0));
      } catch (NumberFormatException e) {
        throw new RestServer.RestException(400, "await-taskmanagers and timeout-ms take whole numbers");
      }
      return awaitTaskManagers(n).orTimeout(timeout, TimeUnit.MILLISECONDS).exceptionally(e -> {
        throw new RestServer.RestException(408, "The cluster did not reach " + n + " task managers within "
            + timeout + " ms");
      });
    });
    routes.put("/taskmanagers", parameters -> taskManagers().thenApply(list -> Map.of("taskmanagers", list)));
    routes.put("/jobs", parameters -> CompletableFuture.completedFuture(Map.of("jobs", List.of())));
    return routes;
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
    } else if (message instanceof ControlMessage.Heartbeat h) {
      Worker w = workers.get(h.id());
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
    Worker previous = workers.get(r.id());
    if (previous != null && previous.channel != channel) {
      declareLost(r.id(), previous, "it registered again");
    }
    workers.put(r.id(), new Worker(channel, r, clock.getAsLong()));
    channel.send(ControlMessage.encode(new ControlMessage.Registered(id, heartbeatIntervalMillis)));
    LOG.info("Task manager {} (pid {}) registered from {} with {} slots; data port {}", r.id(), r.pid(),
        channel.remoteAddress(), r.slots(), r.dataPort());
    changed();
  }

  private void onClosed(ControlChannel channel) {
    for (Map.Entry<String, Worker> e : new ArrayList<>(workers.entrySet())) {
      if (e.getValue().channel == channel) {
        declareLost(e.getKey(), e.getValue(), "its connection closed");
      }
    }
  }

  private void checkHeartbeats() {
    long now = clock.getAsLong();
    for (Iterator<Map.Entry<String, Worker>> it = new ArrayList<>(workers.entrySet()).iterator(); it.hasNext(); ) {
      Map.Entry<String, Worker> e = it.next();
      long silent = now - e.getValue().lastHeartbeat;
      if (silent > heartbeatTimeoutMillis) {
        declareLost(e.getKey(), e.getValue(), "no heartbeat for " + silent + " ms (heartbeat.timeout: "
            + heartbeatTimeoutMillis + " ms)");
      }
    }
  }

  private void declareLost(String workerId, Worker worker, String reason) {
    if (workers.remove(workerId, worker)) {
      lost++;
      LOG.warn("Task manager {} (pid {}) is lost: {}", workerId, worker.registration.pid(), reason);
      worker.channel.close();
      changed();
    }
  }

  private void changed() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.taskManagers() == workers.size()) {
        it.remove();
        w.result().complete(currentOverview());
      }
    }
  }

  private Overview currentOverview() {
    int slots = 0;
    for (Worker w : workers.values()) {
      slots += w.registration.slots();
    }
    return new Overview(workers.size(), slots, slots, lost, 0, 0, 0, 0);
  }

  /** The cluster's state now. Any thread. */
  public CompletableFuture<Overview> overview() {
    return CompletableFuture.supplyAsync(this::currentOverview, thread);
  }

  /** Completes with the overview once exactly {@code n} task managers are registered. Any thread. */
  public CompletableFuture<Overview> awaitTaskManagers(int n) {
    CompletableFuture<Overview> result = new CompletableFuture<>();
    thread.execute(() -> {
      if (workers.size() == n) {
        result.complete(currentOverview());
      } else {
        waiters.add(new Waiter(n, result));
      }
    });
    return result;
  }

  /** The registered task managers. Any thread. */
  public CompletableFuture<List<TaskManagerInfo>> taskManagers() {
    return CompletableFuture.supplyAsync(() -> {
      List<TaskManagerInfo> list = new ArrayList<>();
      for (Map.Entry<String, Worker> e : workers.entrySet()) {
        ControlMessage.RegisterTaskManager r = e.getValue().registration;
        list.add(new TaskManagerInfo(r.id(), r.host(), r.dataPort(), r.slots(), r.slots(), r.pid(),
            e.getValue().lastHeartbeat));
      }
      return list;
    }, thread);
  }

  @Override
  public void close() {
    if (rest != null) {
      rest.close();
    }
    if (control != null) {
      control.close();
    }
    driver.close();
    thread.shutdownNow();
  }
}
