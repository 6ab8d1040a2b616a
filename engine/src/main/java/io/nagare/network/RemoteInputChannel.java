package io.nagare.network;

import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.BufferPool;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.StreamEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel whose producer runs in another task manager. It owns {@code credits} receive buffers:
 * it grants them all as credit when it requests the subpartition, each data buffer that arrives
 * takes one, and each buffer the consumer recycles is granted again (credits are gathered and
 * sent in one message). So at most {@code credits} buffers of this channel are ever in flight or
 * queued here, and a consumer that stops reading stops its producer.
 *
 * <p>An unaligned checkpoint barrier goes to the front of the queue, and copies of the data buffers
 * it overtook are kept for the consumer's in-flight data ({@link #takeOvertaken}).
 *
 * <p>Threads: the network event loop adds buffers and errors; the consuming subtask polls. The
 * queue, the overtaken copies and the failure are guarded by {@code this}.
 */
public final class RemoteInputChannel extends InputChannel {
  private final DataClient client;
  private final InetSocketAddress producer;
  private final PartitionId partition;
  private final long receiverId;
  private final int credits;
  private final BufferPool buffers;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private final AtomicInteger pendingCredit = new AtomicInteger();
  private volatile DataClient.Connection connection;
  private volatile Runnable onData;
  private volatile Runnable onPriority;
  /** Copies of the data each unaligned barrier overtook here, by checkpoint id, until the consumer takes them. */
  private final Map<Long, List<byte[]>> overtaken = new HashMap<>();
  private IOException failure;
  private boolean released;

  RemoteInputChannel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer, DataClient client,
      InetSocketAddress producer, PartitionId partition, long receiverId, int credits, int bufferSize) {
    super(channelIndex, inputIndex, deserializer);
    this.client = client;
    this.producer = producer;
    this.partition = partition;
    this.receiverId = receiverId;
    this.credits = credits;
    this.buffers = new BufferPool(credits, bufferSize);
    buffers.setRecycleListener(this::grantCredit);
  }

  long receiverId() {
    return receiverId;
  }

  /** Connects (or joins the connection to the producer's task manager) and requests the subpartition. */
  @Override
  public void start(Runnable onData) {
    this.onData = onData;
    client.connection(producer).whenComplete((c, error) -> {
      if (error != null) {
        onError(new IOException("Cannot read " + partition + " from " + producer + ": " + error.getMessage(), error));
        return;
      }
      connection = c;
      c.register(this);
      c.channel().writeAndFlush(new NetworkMessage.PartitionRequest(receiverId, partition, credits));
    });
  }

  @Override
  public void setPriorityListener(Runnable onPriority) {
    this.onPriority = onPriority;
  }

  /** A buffer arrived. Event loop. */
  void onBuffer(NetworkMessage.BufferResponse response) {
    Buffer buffer;
    if (response.event() instanceof StreamEvent.CheckpointBarrier barrier && barrier.isUnaligned()) {
      enqueuePriority(barrier);
      return;
    }
    if (response.data() == null) {
      buffer = Buffer.event(response.event());
    } else {
      try {
        buffer = buffers.tryRequestBuffer();
        int size = response.data().readableBytes();
        if (buffer == null || size > buffer.capacity()) {
          onError(new IOException(producer + " sent " + (buffer == null ? "more buffers than it had credit for"
              : "a buffer of " + size + " bytes, more than the " + buffer.capacity() + " of this channel's")
              + " on " + partition));
          if (buffer != null) {
            buffer.recycle();
          }
          return;
        }
        response.data().readBytes(buffer.data(), 0, size);
        buffer.setSize(size);
      } finally {
        response.data().release();
      }
    }
    enqueue(buffer);
  }

  /** The subpartition cannot be read any more. Any thread. */
  void onError(IOException error) {
    synchronized (this) {
      if (failure != null || released) {
        return;
      }
      failure = error;
    }
    notifyData();
  }

  private void enqueue(Buffer buffer) {
    boolean wasEmpty;
    synchronized (this) {
      if (released) {
        buffer.recycle();
        return;
      }
      wasEmpty = queue.isEmpty();
      queue.add(buffer);
    }
    if (wasEmpty) {
      notifyData();
    }
  }

  /**
   * Puts an unaligned barrier at the front of the queue, keeping copies of the data buffers it
   * overtakes for the consumer's channel state ({@link #takeOvertaken}).
   */
  private void enqueuePriority(StreamEvent.CheckpointBarrier barrier) {
    synchronized (this) {
      if (released) {
        return;
      }
      List<byte[]> copies = new ArrayList<>();
      for (Buffer b : queue) {
        if (!b.isEvent()) {
          copies.add(b.copyData());
        }
      }
      overtaken.put(barrier.checkpointId(), copies);
      queue.addFirst(Buffer.event(barrier));
    }
    notifyData();
    Runnable listener = onPriority;
    if (listener != null) {
      listener.run();
    }
  }

  @Override
  public synchronized List<byte[]> takeOvertaken(long checkpointId) {
    List<byte[]> copies = overtaken.remove(checkpointId);
    return copies == null ? List.of() : copies;
  }

  private void notifyData() {
    Runnable listener = onData;
    if (listener != null) {
      listener.run();
    }
  }

  /**
   * A receive buffer came back: grant it as credit again, gathering grants into one message. Once
   * the process's data client is shutting down there is no one left to grant to.
   */
  private void grantCredit() {
    DataClient.Connection c = connection;
    if (c == null || pendingCredit.getAndIncrement() > 0) {
      return;
    }
    if (c.channel().eventLoop().isShuttingDown()) {
      return;
    }
    c.channel().eventLoop().execute(() -> {
      int credit = pendingCredit.getAndSet(0);
      if (credit > 0 && !released) {
        c.channel().writeAndFlush(new NetworkMessage.AddCredit(receiverId, credit));
      }
    });
  }

  /**
   * The next buffer, or null.
   *
   * @throws IllegalStateException if the subpartition cannot be read any more (its producer or the
   *     connection is gone) and nothing is queued: the subtask fails and the job restarts
   */
  @Override
  public synchronized Buffer poll() {
    Buffer next = queue.poll();
    if (next == null && failure != null) {
      throw new IllegalStateException(failure.getMessage(), failure);
    }
    return next;
  }

  @Override
  public synchronized Buffer pollPriorityEvent() {
    Buffer head = queue.peek();
    if (head != null && head.isEvent() && head.getEvent() instanceof StreamEvent.CheckpointBarrier barrier
        && barrier.isUnaligned()) {
      return queue.poll();
    }
    return null;
  }

  @Override
  public synchronized boolean isEmpty() {
    return queue.isEmpty() && failure == null;
  }

  @Override
  public synchronized int queuedBuffers() {
    return queue.size();
  }

  @Override
  public double receiveBufferUsage() {
    return 1 - buffers.numFree() / (double) credits;
  }

  @Override
  public void release() {
    synchronized (this) {
      released = true;
    }
    Buffer b;
    while (true) {
      synchronized (this) {
        b = queue.poll();
      }
      if (b == null) {
        break;
      }
      b.recycle();
    }
    DataClient.Connection c = connection;
    if (c != null) {
      c.unregister(this);
      c.channel().writeAndFlush(new NetworkMessage.CancelRequest(receiverId));
    }
  }

  /** Receive buffers free right now (for tests). */
  public int freeBuffers() {
    return buffers.numFree();
  }
}
