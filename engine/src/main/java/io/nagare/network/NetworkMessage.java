package io.nagare.network;

import io.netty.buffer.ByteBuf;

/**
 * The messages of the data exchange protocol, each sent as one frame: {@code int length} (of what
 * follows), {@code byte type}, then the body (see {@link MessageCodec}). A connection starts with
 * {@link Hello} from the client, answered by {@link Welcome} or {@link Reject}; then the client
 * requests partitions and grants credit, and the server sends buffers, one credit each for data.
 */
public sealed interface NetworkMessage {
  /** First int of a {@link Hello}: lets a server tell a nagare peer from anything else. */
  int MAGIC = 0x4e474e54;
  /** The protocol version this code speaks. */
  int VERSION = 1;

  /** Opens a connection: who we are (protocol version) and the cluster's secret. */
  record Hello(int version, byte[] secret) implements NetworkMessage {}

  /** The server accepted the handshake. */
  record Welcome() implements NetworkMessage {}

  /** The server refused the handshake; it closes the connection after this. */
  record Reject(String reason) implements NetworkMessage {}

  /** Asks for a subpartition's buffers, to be sent tagged with {@code receiverId}, with an initial credit. */
  record PartitionRequest(long receiverId, PartitionId partition, int credit) implements NetworkMessage {}

  /** More data buffers may be sent to {@code receiverId}. */
  record AddCredit(long receiverId, int credit) implements NetworkMessage {}

  /** The receiver is gone; stop sending to it. */
  record CancelRequest(long receiverId) implements NetworkMessage {}

  /** The request of {@code receiverId} failed (e.g. no such partition). */
  record ErrorResponse(long receiverId, String message) implements NetworkMessage {}

  /** A control message (the cluster's RPC), its body encoded by the control layer. */
  record Control(byte[] body) implements NetworkMessage {}

  /**
   * One buffer for {@code receiverId}: serialised records ({@code data}, a retained slice the
   * receiver must release) or one event.
   */
  record BufferResponse(long receiverId, ByteBuf data, io.nagare.runtime.io.StreamEvent event)
      implements NetworkMessage {}
}
