package io.nagare.runtime.executor;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The helper threads of a job's run (timers, checkpoint I/O, coordinators): how they are made and awaited. */
public final class HelperThreads {
  private static final Logger LOG = LoggerFactory.getLogger(HelperThreads.class);

  /** How long a run waits for one of its helper threads to finish its last task before it goes on without it. */
  private static final long STOP_SECONDS = 15;

  private HelperThreads() {}

  /** Daemon threads named {@code name}. */
  public static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Daemon threads named {@code name} that run user code: their context class loader is the job's. */
  public static ThreadFactory daemon(String name, ClassLoader userClassLoader) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.setContextClassLoader(userClassLoader);
      return t;
    };
  }

  /**
   * Waits for a helper executor, already shut down, whose threads are named {@code threadName}; if
   * it does not finish within {@value #STOP_SECONDS} s, logs what its threads are doing (a hung
   * file system call, say) and goes on, so a stuck helper never holds a job's end or restart.
   */
  public static void awaitStop(ExecutorService executor, String threadName) throws InterruptedException {
    if (executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
      return;
    }
    StringBuilder stacks = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (e.getKey().getName().equals(threadName)) {
        stacks.append('\n').append(e.getKey().getName());
        for (StackTraceElement frame : e.getValue()) {
          stacks.append("\n    at ").append(frame);
        }
      }
    }
    LOG.warn("{} did not stop within {} s; going on without it:{}", threadName, STOP_SECONDS, stacks);
  }
}
