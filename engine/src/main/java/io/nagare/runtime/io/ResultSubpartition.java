package io.nagare.runtime.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue of buffers from one producing subtask to one consuming subtask. The producer adds
 * (data buffers from its pool, so the queue is bounded by the pool), the consumer polls; when the
 * queue turns non-empty the consumer's channel is told, outside the lock. The consumer tolerates
 * an occasional notification for a queue it has already drained. An unaligned checkpoint barrier
 * goes to the front ({@link #addPriority}); the producer keeps copies of what it overtook.
 *
 * <p>{@code queue} is guarded by {@code this}.
 */
public final class ResultSubpartition {
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private volatile Runnable dataListener;
  private volatile Runnable priorityListener;

  /** Sets who is told when buffers arrive (the consumer's channel); called once at deployment. */
  public void setDataListener(Runnable listener) {
    this.dataListener = listener;
    boolean pending;
    synchronized (this) {
      pending = !queue.isEmpty();
    }
    if (pending) {
      listener.run();
    }
  }

  public void add(Buffer buffer) {
    boolean wasEmpty;
    synchronized (this) {
      wasEmpty = queue.isEmpty();
      queue.add(buffer);
    }
    Runnable listener = dataListener;
    if (wasEmpty && listener != null) {
      listener.run();
    }
  }

  /**
   * Puts {@code event} (an unaligned checkpoint barrier) at the front of the queue, ahead of every
   * queued buffer, and tells the consumer; returns copies of the data buffers it overtook, in order
   * (events among them are not kept). Producer thread.
   */
  public List<byte[]> addPriority(Buffer event) {
    List<byte[]> overtaken = new ArrayList<>();
    synchronized (this) {
      for (Buffer b : queue) {
        if (!b.isEvent()) {
          overtaken.add(b.copyData());
        }
      }
      queue.addFirst(event);
    }
    Runnable listener = dataListener;
    if (listener != null) {
      listener.run();
    }
    Runnable priority = priorityListener;
    if (priority != null) {
      priority.run();
    }
    return overtaken;
  }

  /** Sets who is told when a priority event was put at the front (the consumer's gate); called once. */
  public void setPriorityListener(Runnable listener) {
    this.priorityListener = listener;
  }

  /** The next buffer without taking it, or null: for the one consumer, which then polls it. */
  public synchronized Buffer peek() {
    return queue.peek();
  }

  /** The front buffer if it is an unaligned checkpoint barrier (taken), else null; for the one consumer. */
  public synchronized Buffer pollPriorityEvent() {
    return isPriorityEvent(queue.peek()) ? queue.poll() : null;
  }

  static boolean isPriorityEvent(Buffer buffer) {
    return buffer != null && buffer.isEvent() && buffer.getEvent() instanceof StreamEvent.CheckpointBarrier barrier
        && barrier.isUnaligned();
  }

  /** The next buffer, or null. */
  public synchronized Buffer poll() {
    return queue.poll();
  }

  public synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Buffers queued right now (for tests and back-pressure metrics). */
  public synchronized int size() {
    return queue.size();
  }

  /** Recycles everything still queued; used when the consumer is gone. */
  public void releaseAll() {
    Buffer b;
    while ((b = poll()) != null) {
      b.recycle();
    }
  }
}
