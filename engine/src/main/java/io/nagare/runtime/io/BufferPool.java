package io.nagare.runtime.io;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed number of equally sized buffers owned by one producing subtask: the bound on how much
 * that producer can have in flight. The producer requests buffers on its thread; consumers recycle
 * them on theirs; a producer that finds the pool empty waits (back-pressure) or, before taking new
 * input, asks {@link #isAvailable()} and is told through its listener when a buffer comes back.
 *
 * <p>All fields are guarded by {@code lock}.
 */
public final class BufferPool {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();
  private final ArrayDeque<Buffer> free = new ArrayDeque<>();
  private final int bufferSize;
  private final int capacity;
  private Runnable availabilityListener;
  private Runnable recycleListener;
  private boolean destroyed;
  private long waitNanos;

  public BufferPool(int numBuffers, int bufferSize) {
    if (numBuffers < 1 || bufferSize < 16) {
      throw new IllegalArgumentException("A buffer pool needs at least 1 buffer of at least 16 bytes, got "
          + numBuffers + " of " + bufferSize);
    }
    this.bufferSize = bufferSize;
    this.capacity = numBuffers;
    for (int i = 0; i < numBuffers; i++) {
      free.add(new Buffer(new byte[bufferSize], this));
    }
    NetworkBuffers.register(this);
  }

  /** Whether {@link #destroy()} was called. */
  public boolean isDestroyed() {
    lock.lock();
    try {
      return destroyed;
    } finally {
      lock.unlock();
    }
  }

  public int bufferSize() {
    return bufferSize;
  }

  public int capacity() {
    return capacity;
  }

  /** Called (on a consumer's thread) whenever a buffer returns to an empty pool. */
  public void setAvailabilityListener(Runnable listener) {
    lock.lock();
    try {
      this.availabilityListener = listener;
    } finally {
      lock.unlock();
    }
  }

  /** Called (on the recycling thread) after every buffer that returns: a network receiver grants credit with it. */
  public void setRecycleListener(Runnable listener) {
    lock.lock();
    try {
      this.recycleListener = listener;
    } finally {
      lock.unlock();
    }
  }

  /** A free buffer, or null if none is free right now; never waits. */
  public Buffer tryRequestBuffer() {
    lock.lock();
    try {
      return destroyed ? null : free.poll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isAvailable() {
    lock.lock();
    try {
      return !free.isEmpty() || destroyed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes a free buffer, waiting until a consumer returns one.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws TaskCancelledException if the pool was destroyed (the job is being cancelled)
   */
  public Buffer requestBuffer() throws InterruptedException {
    lock.lock();
    try {
      if (free.isEmpty()) {
        long start = System.nanoTime();
        try {
          while (free.isEmpty()) {
            if (destroyed) {
              throw new TaskCancelledException("buffer pool destroyed while waiting for a buffer");
            }
            returned.await();
          }
        } finally {
          waitNanos += System.nanoTime() - start;
        }
      }
      if (destroyed) {
        throw new TaskCancelledException("buffer pool destroyed");
      }
      return free.poll();
    } finally {
      lock.unlock();
    }
  }

  void recycle(Buffer buffer) {
    Runnable listener = null;
    Runnable onRecycle;
    lock.lock();
    try {
      if (free.isEmpty()) {
        listener = availabilityListener;
      }
      free.add(buffer);
      returned.signal();
      onRecycle = recycleListener;
    } finally {
      lock.unlock();
    }
    if (listener != null) {
      listener.run();
    }
    if (onRecycle != null) {
      onRecycle.run();
    }
  }

  /** Nanoseconds the producer has waited in {@link #requestBuffer()} for a buffer: back-pressure time. */
  public long waitNanos() {
    lock.lock();
    try {
      return waitNanos;
    } finally {
      lock.unlock();
    }
  }

  /** Free buffers right now (for tests and metrics). */
  public int numFree() {
    lock.lock();
    try {
      return free.size();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes and fails every waiter; used when the job is cancelled. */
  public void destroy() {
    Runnable listener;
    lock.lock();
    try {
      destroyed = true;
      returned.signalAll();
      listener = availabilityListener;
    } finally {
      lock.unlock();
    }
    if (listener != null) {
      listener.run();
    }
  }
}
