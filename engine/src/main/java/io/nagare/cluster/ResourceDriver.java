package io.nagare.cluster;

/**
 * How the job manager obtains task managers: a standalone cluster's are started by scripts, a
 * YARN session's are containers, a test's are whatever the test provides. The job manager's core
 * depends only on this interface. A worker that has started is reported through {@link
 * Events#onWorkerStarted}; its task manager's registration over the control connection is a
 * separate event the job manager sees itself. Methods are called on the job manager's thread.
 */
public interface ResourceDriver extends AutoCloseable {

  /** What a requested worker should offer. */
  record WorkerSpec(int slots) {}

  /** What the driver reports; the job manager hands each call to its own thread. */
  interface Events {
    /** The process of worker {@code workerId} is up (its task manager will register). */
    void onWorkerStarted(String workerId);

    /** Worker {@code workerId} is gone (exited, killed, its machine lost). */
    void onWorkerLost(String workerId, String reason);
  }

  /** Starts the driver; {@code events} gets its reports from now on. */
  void start(Events events);

  /** Asks for one more worker. */
  void requestWorker(WorkerSpec spec);

  /** Gives worker {@code workerId} back. */
  void releaseWorker(String workerId);

  @Override
  void close();
}
