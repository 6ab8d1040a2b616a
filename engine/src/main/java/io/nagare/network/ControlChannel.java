package io.nagare.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handshaken control connection between two cluster processes: messages go both ways, each
 * an opaque body (the cluster layer encodes them). Whoever owns the channel sets its receiver
 * before messages may arrive; bodies are delivered on the connection's event loop, in order.
 * Thread-safe: {@link #send} may be called from any thread.
 */
public final class ControlChannel extends SimpleChannelInboundHandler<NetworkMessage> {
  private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile Channel channel;
  private volatile Consumer<byte[]> receiver = body -> {};

  /** Who gets the bodies that arrive. */
  public void setReceiver(Consumer<byte[]> receiver) {
    this.receiver = receiver;
  }

  /** Sends {@code body}; fire and forget (a broken connection shows in {@link #closed()}). */
  public void send(byte[] body) {
    Channel c = channel;
    if (c != null) {
      c.writeAndFlush(new NetworkMessage.Control(body));
    }
  }

  /** Completes when the connection is gone, whichever side closed it. */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  public SocketAddress remoteAddress() {
    Channel c = channel;
    return c == null ? null : c.remoteAddress();
  }

  public void close() {
    Channel c = channel;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, NetworkMessage msg) {
    if (msg instanceof NetworkMessage.Control control) {
      receiver.accept(control.body());
    } else {
      Handshake.release(msg);
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed.complete(null);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("Closing the control connection with {}: {}", ctx.channel().remoteAddress(),
        cause.getMessage() == null ? cause.toString() : cause.getMessage());
    ctx.close();
  }
}
