package io.nagare.network;

import io.nagare.runtime.io.StreamEvent;
import io.nagare.runtime.streamrecord.WatermarkStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames of the data exchange protocol, version {@value NetworkMessage#VERSION}:
 *
 * <pre>
 * int length, byte type, then by type:
 *  1 Hello            int magic, int version, int n, n bytes secret
 *  2 Welcome          -
 *  3 Reject           string reason
 *  4 PartitionRequest long receiver, string job, int output, int subtask, int subpartition, int credit
 *  5 AddCredit        long receiver, int credit
 *  6 CancelRequest    long receiver
 *  7 ErrorResponse    long receiver, string message
 *  9 Control          int n, n bytes body (JSON, see io.nagare.cluster.ControlMessage)
 *  8 BufferResponse   long receiver, byte kind, then by kind:
 *                       0 data: int n, n bytes of serialised records   1 watermark: long timestamp
 *                       2 watermark status: byte (0 active, 1 idle)    3 barrier: long id, long timestamp,
 *                       4 end of partition                                byte unaligned (0 or 1)
 * strings: int n, n bytes UTF-8
 * </pre>
 *
 * Frame lengths are bounded by {@link FrameLimits}. Stateless apart from the decoder's per-channel
 * framing; one decoder instance per channel.
 */
final class MessageCodec {
  private static final byte HELLO = 1;
  private static final byte WELCOME = 2;
  private static final byte REJECT = 3;
  private static final byte PARTITION_REQUEST = 4;
  private static final byte ADD_CREDIT = 5;
  private static final byte CANCEL = 6;
  private static final byte ERROR = 7;
  private static final byte BUFFER = 8;
  private static final byte CONTROL = 9;
  private static final byte DATA = 0;
  private static final byte WATERMARK = 1;
  private static final byte STATUS = 2;
  private static final byte BARRIER = 3;
  private static final byte END = 4;

  private MessageCodec() {}

  /** Writes messages as frames. */
  static final class Encoder extends MessageToByteEncoder<NetworkMessage> {
    @Override
    protected void encode(ChannelHandlerContext ctx, NetworkMessage msg, ByteBuf out) {
      int start = out.writerIndex();
      out.writeInt(0);
      if (msg instanceof NetworkMessage.Hello h) {
        out.writeByte(HELLO).writeInt(NetworkMessage.MAGIC).writeInt(h.version()).writeInt(h.secret().length);
        out.writeBytes(h.secret());
      } else if (msg instanceof NetworkMessage.Welcome) {
        out.writeByte(WELCOME);
      } else if (msg instanceof NetworkMessage.Reject r) {
        writeString(out.writeByte(REJECT), r.reason());
      } else if (msg instanceof NetworkMessage.PartitionRequest r) {
        out.writeByte(PARTITION_REQUEST).writeLong(r.receiverId());
        writeString(out, r.partition().job());
        out.writeInt(r.partition().output()).writeInt(r.partition().subtask()).writeInt(r.partition().subpartition());
        out.writeInt(r.credit());
      } else if (msg instanceof NetworkMessage.AddCredit c) {
        out.writeByte(ADD_CREDIT).writeLong(c.receiverId()).writeInt(c.credit());
      } else if (msg instanceof NetworkMessage.CancelRequest c) {
        out.writeByte(CANCEL).writeLong(c.receiverId());
      } else if (msg instanceof NetworkMessage.ErrorResponse e) {
        writeString(out.writeByte(ERROR).writeLong(e.receiverId()), e.message());
      } else if (msg instanceof NetworkMessage.Control c) {
        out.writeByte(CONTROL).writeInt(c.body().length).writeBytes(c.body());
      } else if (msg instanceof NetworkMessage.BufferResponse b) {
        out.writeByte(BUFFER).writeLong(b.receiverId());
        if (b.data() != null) {
          out.writeByte(DATA).writeInt(b.data().readableBytes()).writeBytes(b.data());
          b.data().release();
        } else {
          writeEvent(out, b.event());
        }
      }
      out.setInt(start, out.writerIndex() - start - 4);
    }
  }

  private static void writeEvent(ByteBuf out, StreamEvent event) {
    if (event instanceof StreamEvent.Watermark w) {
      out.writeByte(WATERMARK).writeLong(w.timestamp());
    } else if (event instanceof StreamEvent.WatermarkStatusEvent s) {
      out.writeByte(STATUS).writeByte(s.status() == WatermarkStatus.IDLE ? 1 : 0);
    } else if (event instanceof StreamEvent.CheckpointBarrier b) {
      out.writeByte(BARRIER).writeLong(b.checkpointId()).writeLong(b.timestamp()).writeBoolean(b.isUnaligned());
    } else if (event instanceof StreamEvent.EndOfPartition) {
      out.writeByte(END);
    } else {
      throw new IllegalArgumentException("No wire format for " + event);
    }
  }

  /**
   * Splits the byte stream into frames and reads messages from them. A frame whose announced
   * length is not between 1 and the current limit fails the connection with a {@link
   * FrameTooLongException} before any of it is buffered; everything after it is dropped. The
   * limit starts at {@link FrameLimits#HANDSHAKE} and is raised by the handshake.
   */
  static final class Decoder extends ByteToMessageDecoder {
    private int maxFrame = FrameLimits.HANDSHAKE;
    private boolean failed;

    /** Accept frames of up to {@code maxFrame} bytes from now on. Event loop only. */
    void limit(int maxFrame) {
      this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (failed) {
        in.skipBytes(in.readableBytes());
        return;
      }
      if (in.readableBytes() < 4) {
        return;
      }
      int length = in.getInt(in.readerIndex());
      if (length < 1 || length > maxFrame) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw new FrameTooLongException(length, maxFrame);
      }
      if (in.readableBytes() < 4 + length) {
        return;
      }
      in.skipBytes(4);
      out.add(read(in.readSlice(length)));
    }
  }

  /**
   * Reads one frame's message.
   *
   * @throws ProtocolException if the frame is not a well-formed message (truncated, unknown type, trailing bytes)
   */
  static NetworkMessage read(ByteBuf frame) {
    int size = frame.readableBytes();
    NetworkMessage message;
    try {
      message = readMessage(frame);
    } catch (IndexOutOfBoundsException e) {
      throw new ProtocolException("truncated frame of " + size + " bytes");
    }
    if (frame.isReadable()) {
      Handshake.release(message);
      throw new ProtocolException(frame.readableBytes() + " unexpected bytes after a "
          + message.getClass().getSimpleName());
    }
    return message;
  }

  private static NetworkMessage readMessage(ByteBuf in) {
    byte type = in.readByte();
    switch (type) {
      case HELLO: {
        if (in.readInt() != NetworkMessage.MAGIC) {
          throw new ProtocolException("not a nagare peer (wrong magic number)");
        }
        int version = in.readInt();
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
          throw new ProtocolException("malformed handshake");
        }
        byte[] secret = new byte[n];
        in.readBytes(secret);
        return new NetworkMessage.Hello(version, secret);
      }
      case WELCOME:
        return new NetworkMessage.Welcome();
      case REJECT:
        return new NetworkMessage.Reject(readString(in));
      case PARTITION_REQUEST: {
        long receiver = in.readLong();
        PartitionId id = new PartitionId(readString(in), in.readInt(), in.readInt(), in.readInt());
        return new NetworkMessage.PartitionRequest(receiver, id, in.readInt());
      }
      case ADD_CREDIT:
        return new NetworkMessage.AddCredit(in.readLong(), in.readInt());
      case CANCEL:
        return new NetworkMessage.CancelRequest(in.readLong());
      case ERROR:
        return new NetworkMessage.ErrorResponse(in.readLong(), readString(in));
      case CONTROL: {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
          throw new ProtocolException("malformed control message");
        }
        byte[] body = new byte[n];
        in.readBytes(body);
        return new NetworkMessage.Control(body);
      }
      case BUFFER: {
        long receiver = in.readLong();
        byte kind = in.readByte();
        switch (kind) {
          case DATA: {
            int n = in.readInt();
            if (n < 0 || n > in.readableBytes()) {
              throw new ProtocolException("malformed buffer of " + n + " bytes");
            }
            return new NetworkMessage.BufferResponse(receiver, in.readRetainedSlice(n), null);
          }
          case WATERMARK:
            return new NetworkMessage.BufferResponse(receiver, null, new StreamEvent.Watermark(in.readLong()));
          case STATUS:
            return new NetworkMessage.BufferResponse(receiver, null, in.readByte() == 1
                ? StreamEvent.WatermarkStatusEvent.IDLE : StreamEvent.WatermarkStatusEvent.ACTIVE);
          case BARRIER:
            return new NetworkMessage.BufferResponse(receiver, null, new StreamEvent.CheckpointBarrier(in.readLong(),
                in.readLong(), in.readBoolean()));
          case END:
            return new NetworkMessage.BufferResponse(receiver, null, StreamEvent.EndOfPartition.INSTANCE);
          default:
            throw new ProtocolException("unknown buffer kind " + kind);
        }
      }
      default:
        throw new ProtocolException("unknown message type " + type);
    }
  }

  private static void writeString(ByteBuf out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length).writeBytes(bytes);
  }

  private static String readString(ByteBuf in) {
    int n = in.readInt();
    if (n < 0 || n > in.readableBytes()) {
      throw new ProtocolException("malformed string of " + n + " bytes");
    }
    byte[] bytes = new byte[n];
    in.readBytes(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A peer broke the protocol; the connection is closed. */
  static class ProtocolException extends DecoderException {
    ProtocolException(String message) {
      super(message);
    }
  }

  /** A peer announced a frame longer than the connection accepts; the connection is closed unread. */
  static final class FrameTooLongException extends ProtocolException {
    FrameTooLongException(int length, int maxFrame) {
      super("it announced a frame of " + length + " bytes; this connection accepts 1 to " + maxFrame
          + (maxFrame == FrameLimits.HANDSHAKE ? " before the handshake" : ""));
    }
  }
}
