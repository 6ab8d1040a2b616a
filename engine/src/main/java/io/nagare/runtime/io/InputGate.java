package io.nagare.runtime.io;

import java.util.ArrayDeque;
import java.util.List;

/**
 * All input channels of one consuming subtask, with a queue of the channels that have data, served
 * round-robin. Producers' threads enqueue channels (through {@link #notifyDataAvailable}); the
 * consumer's thread takes them. When the queue turns non-empty the gate runs its availability
 * listener, which wakes the consumer's mailbox. A channel with an unaligned checkpoint barrier at
 * its front jumps the queue ({@link #notifyPriority}).
 *
 * <p>{@code available} and each channel's {@code queued} flag are guarded by {@code this}.
 */
public final class InputGate {
  private final List<InputChannel> channels;
  private final ArrayDeque<InputChannel> available = new ArrayDeque<>();
  private final Runnable availabilityListener;
  private int finishedChannels;
  private InputChannel last;
  /** Channels told to have a priority event at their front, in order; guarded by {@code this}. */
  private final ArrayDeque<InputChannel> priority = new ArrayDeque<>();
  private volatile boolean priorityPending;

  /** Creates a subtask's gate once its mailbox (the availability listener) exists. */
  @FunctionalInterface
  public interface Factory {
    InputGate create(Runnable availabilityListener);
  }

  public InputGate(List<InputChannel> channels, Runnable availabilityListener) {
    this.channels = List.copyOf(channels);
    this.availabilityListener = availabilityListener;
  }

  /** Starts receiving: called on the consumer's thread before its first poll. */
  public void start() {
    for (InputChannel c : channels) {
      c.setPriorityListener(() -> notifyPriority(c));
      c.start(() -> notifyDataAvailable(c));
    }
  }

  public List<InputChannel> channels() {
    return channels;
  }

  void notifyDataAvailable(InputChannel channel) {
    boolean wasEmpty;
    synchronized (this) {
      if (channel.queued) {
        return;
      }
      channel.queued = true;
      wasEmpty = available.isEmpty();
      available.add(channel);
    }
    if (wasEmpty) {
      availabilityListener.run();
    }
  }

  /**
   * {@code channel} has an unaligned checkpoint barrier at its front: it is served next, ahead of
   * the round-robin order. Any thread.
   */
  void notifyPriority(InputChannel channel) {
    boolean wasEmpty;
    synchronized (this) {
      wasEmpty = available.isEmpty();
      if (channel.queued) {
        available.remove(channel);
      }
      channel.queued = true;
      available.addFirst(channel);
      priority.add(channel);
      priorityPending = true;
    }
    if (wasEmpty) {
      availabilityListener.run();
    }
  }

  /**
   * The next buffer from any channel with data, or null if none has any right now. The channel it
   * came from is {@link #lastChannel()}.
   */
  public Buffer pollNext() {
    while (true) {
      InputChannel channel;
      synchronized (this) {
        channel = available.poll();
        if (channel == null) {
          return null;
        }
        channel.queued = false;
      }
      if (channel.blocked) {
        continue;
      }
      Buffer buffer = channel.poll();
      if (buffer != null) {
        last = channel;
        if (!channel.isEmpty()) {
          notifyDataAvailable(channel);
        }
        return buffer;
      }
    }
  }

  /** Whether a channel was told to have a priority event since {@link #pollPriority} last ran dry; any thread. */
  public boolean hasPriorityEvent() {
    return priorityPending;
  }

  /**
   * The next priority event (an unaligned checkpoint barrier) at the front of a channel, or null:
   * taken between two records, in the middle of a buffer. A priority event {@link #pollNext}
   * already returned is not returned again. The channel it came from is {@link #lastChannel()}.
   * Consumer thread only.
   */
  public Buffer pollPriority() {
    while (true) {
      InputChannel channel;
      synchronized (this) {
        channel = priority.poll();
        priorityPending = !priority.isEmpty();
      }
      if (channel == null) {
        return null;
      }
      Buffer event = channel.pollPriorityEvent();
      if (event != null) {
        last = channel;
        return event;
      }
    }
  }

  /** The channel of the buffer {@link #pollNext} or {@link #pollPriority} returned last. */
  public InputChannel lastChannel() {
    return last;
  }

  /**
   * Stops taking buffers from {@code channel} (its barrier arrived; the others' have not yet), so
   * what it sends after the barrier waits for the checkpoint. Consumer thread only.
   */
  public void block(InputChannel channel) {
    channel.blocked = true;
  }

  /** Takes buffers from every blocked channel again. Consumer thread only. */
  public void unblockAll() {
    for (InputChannel c : channels) {
      if (c.blocked) {
        c.blocked = false;
        if (!c.isEmpty()) {
          notifyDataAvailable(c);
        }
      }
    }
  }

  /** Marks {@code channel} finished; returns true when all channels are. Consumer thread only. */
  public boolean markFinished(InputChannel channel) {
    if (!channel.finished) {
      channel.finished = true;
      finishedChannels++;
    }
    return finishedChannels == channels.size();
  }

  public boolean isFinished() {
    return finishedChannels == channels.size();
  }

  /** Gives back every queued buffer; the consumer is going away. */
  public void release() {
    for (InputChannel c : channels) {
      c.release();
    }
  }
}
