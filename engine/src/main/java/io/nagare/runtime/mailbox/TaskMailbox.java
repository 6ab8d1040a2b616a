package io.nagare.runtime.mailbox;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one queue through which other threads reach a subtask: timers, split assignments, later
 * checkpoint triggers arrive as mails and run on the subtask's own thread, between records, so
 * operator state never needs a lock. The subtask also sleeps here when it has nothing to do: input
 * channels and buffer pools {@link #signal()} it when data or buffers arrive.
 *
 * <p>Fields are guarded by {@code lock}; {@code hasMail} is a volatile copy so the hot loop can
 * check for mail without locking.
 */
public final class TaskMailbox implements MailboxExecutor {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private final ArrayDeque<Mail> mails = new ArrayDeque<>();
  private volatile boolean hasMail;
  private boolean signalled;
  private boolean closed;

  /** A queued action and what it is for (shown in errors). */
  public static final class Mail {
    final ThrowingRunnable action;
    final String description;

    Mail(ThrowingRunnable action, String description) {
      this.action = action;
      this.description = description;
    }

    public void run() throws Exception {
      action.run();
    }

    public String description() {
      return description;
    }
  }

  @Override
  public boolean execute(ThrowingRunnable action, String description) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      mails.add(new Mail(action, description));
      hasMail = true;
      wakeUp.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the subtask if it is waiting (new input, a free buffer). Any thread. */
  public void signal() {
    lock.lock();
    try {
      signalled = true;
      wakeUp.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Cheap check from the subtask's thread. */
  public boolean hasMail() {
    return hasMail;
  }

  /** The next mail, or null. Subtask thread only. */
  public Mail tryTake() {
    lock.lock();
    try {
      Mail m = mails.poll();
      hasMail = !mails.isEmpty();
      return m;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a mail arrives or someone signals (returns at once if either happened since the
   * last wait). Subtask thread only.
   *
   * @throws InterruptedException if the subtask's thread is interrupted (cancellation)
   */
  public void await() throws InterruptedException {
    lock.lock();
    try {
      while (mails.isEmpty() && !signalled && !closed) {
        wakeUp.await();
      }
      signalled = false;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further mails and wakes the subtask; mails still queued are dropped. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      mails.clear();
      hasMail = false;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }
}
