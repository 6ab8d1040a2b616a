package io.nagare.runtime.mailbox;

/** Runs actions on a subtask's thread, between records. Callable from any thread. */
public interface MailboxExecutor {
  /**
   * Queues {@code action} to run on the subtask's thread. Returns false if the subtask has already
   * ended, in which case the action will never run.
   */
  boolean execute(ThrowingRunnable action, String description);
}
