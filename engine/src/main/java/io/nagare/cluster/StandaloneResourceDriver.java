package io.nagare.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver of a standalone cluster: task managers are started by {@code scripts/start-cluster.sh}
 * and {@code scripts/taskmanager.sh}, so a request can only be passed on to the operator, and a
 * release leaves the process running (it stays available for the next job).
 */
public final class StandaloneResourceDriver implements ResourceDriver {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneResourceDriver.class);

  @Override
  public void start(Events events) {}

  @Override
  public void requestWorker(WorkerSpec spec) {
    LOG.warn("The cluster needs another task manager with {} slots; start one with scripts/taskmanager.sh start",
        spec.slots());
  }

  @Override
  public void releaseWorker(String workerId) {
    LOG.info("Task manager {} is no longer needed; it stays up for other jobs", workerId);
  }

  @Override
  public void close() {}
}
