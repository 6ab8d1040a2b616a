package io.nagare.cluster;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.network.ControlChannel;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job manager's task managers and their slots: the registered workers, the slots each job's
 * current attempt holds, the jobs waiting for slots (in order, each for at most {@code
 * slot.request.timeout}), and the workers asked of the {@link ResourceDriver} for them, for
 * spares and at start. Workers idle for long enough go back to the driver.
 *
 * <p>Threading: part of the job manager's state, so the job manager's thread only; {@code thread}
 * is that thread, on which slot request timeouts run.
 */
final class WorkerPool {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** A registered task manager. */
  static final class Worker {
    final ControlChannel channel;
    final ControlMessage.RegisterTaskManager registration;
    /** The jobs whose jar this task manager has. */
    final Set<String> jars = new HashSet<>();
    long lastHeartbeat;

    Worker(ControlChannel channel, ControlMessage.RegisterTaskManager registration, long now) {
      this.channel = channel;
      this.registration = registration;
      this.lastHeartbeat = now;
    }
  }

  private record SlotRequest(JobGraph job, CompletableFuture<Map<SlotAssignment.Subtask, SlotAssignment.Slot>> slots) {}

  private final ResourceDriver driver;
  private final ScheduledExecutorService thread;
  private final int slotsPerWorker;
  private final long slotRequestTimeoutMillis;
  /** Called whenever the set of registered workers changed. */
  private final Runnable onChange;
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  /** Workers the driver reported started whose task manager has not registered yet. */
  private final Set<String> startedWorkers = new HashSet<>();
  /** The slots of each job's current attempt, by job id. */
  private final Map<String, Map<SlotAssignment.Subtask, SlotAssignment.Slot>> allocations = new HashMap<>();
  private final List<SlotRequest> slotRequests = new ArrayList<>();
  /** Workers asked of the driver that have not registered yet. */
  private int pendingWorkers;
  /** Idle workers to keep beyond what jobs use ({@link #keepSpares}). */
  private int spareWorkers;
  /** Which idle workers to give back ({@link #releaseIdleAfter}); null: none. */
  private IdleWorkers idleWorkers;
  private int lost;

  WorkerPool(ResourceDriver driver, ScheduledExecutorService thread, int slotsPerWorker,
      long slotRequestTimeoutMillis, Runnable onChange) {
    this.driver = driver;
    this.thread = thread;
    this.slotsPerWorker = slotsPerWorker;
    this.slotRequestTimeoutMillis = slotRequestTimeoutMillis;
    this.onChange = onChange;
  }

  /** Asks the driver for {@code n} workers now, before any job needs them. */
  void startWorkers(int n) {
    for (int i = 0; i < n; i++) {
      requestWorker();
    }
  }

  /** Keeps {@code n} workers idle beyond what jobs use, asking for more as spares are used or lost. */
  void keepSpares(int n) {
    spareWorkers = n;
    ensureSpares();
  }

  /** Gives workers idle for {@code timeoutMillis} back, keeping at least {@code keep} and the spares. */
  void releaseIdleAfter(long timeoutMillis, int keep) {
    idleWorkers = new IdleWorkers(timeoutMillis, keep);
  }

  private void requestWorker() {
    pendingWorkers++;
    driver.requestWorker(new ResourceDriver.WorkerSpec(slotsPerWorker));
  }

  /** Asks for workers until idle and pending ones reach the spare count. */
  private void ensureSpares() {
    if (spareWorkers == 0) {
      return;
    }
    int idle = 0;
    for (String worker : workers.keySet()) {
      if (usedSlots(worker) == 0) {
        idle++;
      }
    }
    int waiting = slotRequests.isEmpty() ? 0 : 1;
    for (int i = idle + pendingWorkers - waiting; i < spareWorkers; i++) {
      requestWorker();
    }
  }

  /** The driver started worker {@code id}; its task manager will register. */
  void started(String id) {
    if (!workers.containsKey(id)) {
      startedWorkers.add(id);
    }
  }

  /** The driver lost worker {@code id} before its task manager registered: asks again if jobs wait. */
  void lostBeforeRegistering(String id, String reason) {
    if (startedWorkers.remove(id)) {
      LOG.warn("Worker {} was lost before its task manager registered: {}", id, reason);
      pendingWorkers = Math.max(0, pendingWorkers - 1);
      serveSlotRequests();
    }
  }

  /** Adds a registered task manager (the one it replaces, if any, must have been removed) and grants waiting jobs. */
  void register(Worker worker, boolean replaces) {
    String id = worker.registration.id();
    workers.put(id, worker);
    startedWorkers.remove(id);
    if (!replaces && pendingWorkers > 0) {
      pendingWorkers--;
    }
    serveSlotRequests();
    onChange.run();
  }

  /** Removes worker {@code id}, lost; false if {@code worker} is no longer the registered one. */
  boolean removeLost(String id, Worker worker) {
    if (!workers.remove(id, worker)) {
      return false;
    }
    lost++;
    ensureSpares();
    onChange.run();
    return true;
  }

  Worker worker(String id) {
    return workers.get(id);
  }

  java.util.Collection<Worker> all() {
    return workers.values();
  }

  /** The registered workers whose control connection is {@code channel}. */
  Map<String, Worker> on(ControlChannel channel) {
    Map<String, Worker> found = new LinkedHashMap<>();
    workers.forEach((id, w) -> {
      if (w.channel == channel) {
        found.put(id, w);
      }
    });
    return found;
  }

  /** The registered workers not heard from for more than {@code timeoutMillis}. */
  Map<String, Worker> silentFor(long timeoutMillis, long now) {
    Map<String, Worker> silent = new LinkedHashMap<>();
    workers.forEach((id, w) -> {
      if (now - w.lastHeartbeat > timeoutMillis) {
        silent.put(id, w);
      }
    });
    return silent;
  }

  /** Gives back the workers idle for the timeout of {@link #releaseIdleAfter}, if set. */
  void releaseIdle(long now) {
    if (idleWorkers == null) {
      return;
    }
    Map<String, Integer> used = new LinkedHashMap<>();
    for (String worker : workers.keySet()) {
      used.put(worker, usedSlots(worker));
    }
    List<String> released = idleWorkers.toRelease(used, spareWorkers, now);
    for (String id : released) {
      Worker w = workers.remove(id);
      LOG.info("Releasing task manager {} (pid {}): idle for {} ms or more", id, w.registration.pid(),
          idleWorkers.timeoutMillis());
      driver.releaseWorker(id);
    }
    if (!released.isEmpty()) {
      onChange.run();
    }
  }

  /**
   * Asks for slots for every subtask of {@code job}: {@code slots} completes with their placement
   * once enough are free, or fails after {@code slot.request.timeout}; completing it exceptionally
   * withdraws the request.
   */
  void requestSlots(JobGraph job, CompletableFuture<Map<SlotAssignment.Subtask, SlotAssignment.Slot>> slots) {
    SlotRequest request = new SlotRequest(job, slots);
    slotRequests.add(request);
    serveSlotRequests();
    if (!slots.isDone()) {
      LOG.info("Job '{}' waits for free slots", job.jobName());
      thread.schedule(() -> {
        if (slotRequests.remove(request)) {
          String why;
          try {
            SlotAssignment.assign(job.jobName(), parallelism(job), freeSlots());
            why = "slots went to other jobs first";
          } catch (SlotAssignment.NotEnoughSlotsException e) {
            why = e.getMessage();
          }
          slots.completeExceptionally(new SlotAssignment.NotEnoughSlotsException("No slots within "
              + slotRequestTimeoutMillis + " ms (" + ClusterOptions.SLOT_REQUEST_TIMEOUT.key() + "): " + why));
        }
      }, slotRequestTimeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Frees the slots job {@code jobId} holds and grants waiting jobs. */
  void releaseSlots(String jobId) {
    allocations.remove(jobId);
    serveSlotRequests();
  }

  /**
   * Grants waiting slot requests in order while the free slots suffice; when the first one waits,
   * asks the resource driver for as many more workers as it lacks beyond those already asked for.
   */
  private void serveSlotRequests() {
    while (!slotRequests.isEmpty()) {
      SlotRequest request = slotRequests.get(0);
      if (request.slots().isDone()) {
        slotRequests.remove(0);
        continue;
      }
      try {
        Map<SlotAssignment.Subtask, SlotAssignment.Slot> placement = SlotAssignment.assign(request.job().jobName(),
            parallelism(request.job()), freeSlots());
        slotRequests.remove(0);
        allocations.put(request.job().jobId(), placement);
        if (!request.slots().complete(placement)) {
          allocations.remove(request.job().jobId());
        }
      } catch (SlotAssignment.NotEnoughSlotsException e) {
        int needed = 0;
        for (int p : parallelism(request.job()).values()) {
          needed = Math.max(needed, p);
        }
        int free = freeSlots().values().stream().mapToInt(Integer::intValue).sum();
        int missing = needed - free - pendingWorkers * slotsPerWorker;
        for (int i = 0; i < (missing + slotsPerWorker - 1) / slotsPerWorker; i++) {
          requestWorker();
        }
        return;
      }
    }
    ensureSpares();
  }

  private static Map<Integer, Integer> parallelism(JobGraph job) {
    Map<Integer, Integer> parallelism = new LinkedHashMap<>();
    for (JobVertex v : job.vertices()) {
      parallelism.put(v.id(), v.parallelism());
    }
    return parallelism;
  }

  private Map<String, Integer> freeSlots() {
    Map<String, Integer> free = new LinkedHashMap<>();
    for (Map.Entry<String, Worker> e : workers.entrySet()) {
      free.put(e.getKey(), e.getValue().registration.slots() - usedSlots(e.getKey()));
    }
    return free;
  }

  private int usedSlots(String worker) {
    int used = 0;
    for (Map<SlotAssignment.Subtask, SlotAssignment.Slot> placement : allocations.values()) {
      used += (int) placement.values().stream().filter(s -> s.taskManager().equals(worker)).distinct().count();
    }
    return used;
  }

  int size() {
    return workers.size();
  }

  int totalSlots() {
    return workers.values().stream().mapToInt(w -> w.registration.slots()).sum();
  }

  int freeSlotCount() {
    return freeSlots().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** How many registered workers were lost (not those given back idle). */
  int lost() {
    return lost;
  }

  /** The registered task managers, as {@code /taskmanagers} shows them. */
  List<ClusterInfo.TaskManagerInfo> infos() {
    List<ClusterInfo.TaskManagerInfo> list = new ArrayList<>();
    for (Map.Entry<String, Worker> e : workers.entrySet()) {
      ControlMessage.RegisterTaskManager r = e.getValue().registration;
      list.add(new ClusterInfo.TaskManagerInfo(r.id(), r.host(), r.dataPort(), r.slots(), r.slots() - usedSlots(r.id()),
          r.pid(), e.getValue().lastHeartbeat, r.metricReporters() == null ? List.of() : r.metricReporters(),
          r.logUrl() == null ? "" : r.logUrl()));
    }
    return list;
  }
}
