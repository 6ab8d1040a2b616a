package io.nagare.network;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.NetworkOptions;
import io.nagare.api.configuration.SecurityOptions;

/**
 * How large a frame each kind of connection accepts; a larger announced length closes the
 * connection before any of the frame is buffered. Until the cluster-secret handshake is done a
 * connection accepts only {@link #HANDSHAKE} bytes, so an unauthenticated peer cannot make a
 * process hold more than that per connection. After it: data connections {@link #DATA} (one
 * network buffer of at most {@link #MAX_SEGMENT_SIZE} and its header), control connections
 * {@code cluster.control.max-message-size}. Stateless.
 */
public final class FrameLimits {
  /** The largest frame before the handshake (a Hello with the secret, a Welcome, a Reject). */
  public static final int HANDSHAKE = 4096;
  /** The largest {@code taskmanager.memory.segment-size}: one buffer travels in one data frame. */
  public static final int MAX_SEGMENT_SIZE = 16 << 20;
  /** The largest frame on a data connection: a buffer and its header. */
  public static final int DATA = MAX_SEGMENT_SIZE + 64;
  /** The smallest control message limit: a 4 MiB jar chunk, base64-encoded, must fit. */
  public static final int MIN_CONTROL = 8 << 20;
  /** What a control message holds besides a base64-encoded payload, at most. */
  private static final int CONTROL_OVERHEAD = 64 << 10;

  private FrameLimits() {}

  /**
   * The control message limit of {@code conf}.
   *
   * @throws IllegalArgumentException naming the setting if it is below {@link #MIN_CONTROL} or not an int
   */
  public static int control(Configuration conf) {
    long limit = conf.get(SecurityOptions.CONTROL_MAX_MESSAGE_SIZE).getBytes();
    if (limit < MIN_CONTROL || limit > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(SecurityOptions.CONTROL_MAX_MESSAGE_SIZE.key() + " is " + limit
          + " bytes; it must be between " + MIN_CONTROL + " (a jar chunk must fit) and " + (Integer.MAX_VALUE - 8));
    }
    return (int) limit;
  }

  /**
   * Why a job graph of {@code graphBytes} cannot be deployed under the control message limit
   * {@code controlLimit} (it travels base64-encoded in one message), or null if it can.
   */
  public static String refuseGraph(long graphBytes, int controlLimit) {
    long encoded = (graphBytes + 2) / 3 * 4 + CONTROL_OVERHEAD;
    if (encoded <= controlLimit) {
      return null;
    }
    return "The job graph is " + graphBytes + " bytes; deployed base64-encoded it needs a control message of about "
        + encoded + " bytes, more than " + SecurityOptions.CONTROL_MAX_MESSAGE_SIZE.key() + " (" + controlLimit
        + " bytes) allows. Make the functions smaller (large data belongs in a source or a file), or raise "
        + SecurityOptions.CONTROL_MAX_MESSAGE_SIZE.key() + " on every process of the cluster";
  }

  /**
   * The network buffer size of {@code conf}.
   *
   * @throws IllegalArgumentException naming the setting if it is larger than {@link #MAX_SEGMENT_SIZE}
   */
  public static int segmentSize(Configuration conf) {
    long size = conf.get(NetworkOptions.SEGMENT_SIZE).getBytes();
    if (size > MAX_SEGMENT_SIZE) {
      throw new IllegalArgumentException(NetworkOptions.SEGMENT_SIZE.key() + " is " + size + " bytes; a network"
          + " buffer travels in one data frame, which holds at most " + MAX_SEGMENT_SIZE + " bytes");
    }
    return (int) size;
  }
}
