package io.nagare.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Opens control connections (a task manager's to its job manager); one event loop thread for all of them. */
public final class ControlClient implements AutoCloseable {
  private final ClusterSecret secret;
  private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("nagare-control-client",
      true));

  public ControlClient(ClusterSecret secret) {
    this.secret = secret;
  }

  /**
   * A connection to {@code address} that has passed the handshake; completes exceptionally if the
   * peer cannot be reached or refuses. {@code receiver} gets every message that arrives on it.
   */
  public CompletableFuture<ControlChannel> connect(InetSocketAddress address,
      java.util.function.Consumer<byte[]> receiver) {
    CompletableFuture<Void> handshake = new CompletableFuture<>();
    ControlChannel control = new ControlChannel();
    control.setReceiver(receiver);
    CompletableFuture<ControlChannel> result = new CompletableFuture<>();
    new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new MessageCodec.Decoder(), new MessageCodec.Encoder(),
                new Handshake.Client(secret, handshake), control);
          }
        })
        .connect(address).addListener(f -> {
          if (!f.isSuccess()) {
            result.completeExceptionally(new IOException("Cannot connect to " + address + ": "
                + f.cause().getMessage(), f.cause()));
          }
        });
    handshake.whenComplete((ok, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(control);
      }
    });
    return result;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
