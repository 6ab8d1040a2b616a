package io.nagare.runtime.timers;

import io.nagare.runtime.mailbox.MailboxExecutor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The wall clock, with wake-ups scheduled on a shared scheduler thread that only posts a mail to
 * the subtask; the callback itself runs on the subtask's thread. {@link #shutdown()} withdraws all
 * pending wake-ups. {@code pending} is shared between the subtask's thread and the scheduler's,
 * hence concurrent.
 */
public final class SystemProcessingTimeService implements ProcessingTimeService {
  private final ScheduledExecutorService scheduler;
  private final MailboxExecutor mailbox;
  private final Set<ScheduledFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean shutdown;

  public SystemProcessingTimeService(ScheduledExecutorService scheduler, MailboxExecutor mailbox) {
    this.scheduler = scheduler;
    this.mailbox = mailbox;
  }

  @Override
  public long getCurrentProcessingTime() {
    return System.currentTimeMillis();
  }

  @Override
  public ScheduledTimer registerTimer(long timestamp, ProcessingTimeCallback callback) {
    if (shutdown) {
      return () -> {};
    }
    long delay = Math.max(0, timestamp - getCurrentProcessingTime());
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    Runnable post = () -> {
      pending.remove(self[0]);
      mailbox.execute(() -> callback.onProcessingTime(timestamp), "processing-time timer " + timestamp);
    };
    ScheduledFuture<?> future = scheduler.schedule(post, delay, TimeUnit.MILLISECONDS);
    self[0] = future;
    pending.add(future);
    if (future.isDone()) {
      pending.remove(future);
    }
    return () -> {
      future.cancel(false);
      pending.remove(future);
    };
  }

  /** Withdraws every pending wake-up; later registrations are ignored. */
  public void shutdown() {
    shutdown = true;
    for (ScheduledFuture<?> f : pending) {
      f.cancel(false);
    }
    pending.clear();
  }
}
