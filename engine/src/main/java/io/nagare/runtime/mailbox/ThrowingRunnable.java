package io.nagare.runtime.mailbox;

/** An action that may throw; what mails carry. */
@FunctionalInterface
public interface ThrowingRunnable {
  void run() throws Exception;
}
