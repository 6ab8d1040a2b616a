package io.nagare.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Accepts control connections (the job manager's RPC port): each connection that passes the
 * cluster-secret handshake is handed to {@code onConnected} as a {@link ControlChannel}, before
 * any message on it is delivered. One event loop thread serves all connections.
 */
public final class ControlServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;

  private ControlServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Binds to the first free port of {@code portSpec} (the setting {@code option}) on {@code host};
   * connections accept messages of up to {@code maxMessage} bytes ({@link FrameLimits#control}).
   *
   * @throws BindException naming the setting if none of the ports is free
   */
  public static ControlServer start(String host, String option, String portSpec, ClusterSecret secret,
      int maxMessage, Consumer<ControlChannel> onConnected) throws BindException, InterruptedException {
    return start(host, option, portSpec, secret, null, maxMessage, onConnected);
  }

  /**
   * As {@link #start(String, String, String, ClusterSecret, int, Consumer)}, every connection inside
   * TLS with {@code tls} (internal TLS: mutual), or plain if it is null.
   */
  public static ControlServer start(String host, String option, String portSpec, ClusterSecret secret,
      SslContext tls, int maxMessage, Consumer<ControlChannel> onConnected) throws BindException, InterruptedException {
    EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("nagare-control-server", true));
    ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ControlChannel control = new ControlChannel();
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new MessageCodec.Decoder(), new MessageCodec.Encoder(),
                new Handshake.Server(secret, "The control server", maxMessage + 5), new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ctx.pipeline().remove(this);
                    onConnected.accept(control);
                    ctx.fireChannelRead(msg);
                  }
                }, control);
          }
        });
    return new ControlServer(group, PortRange.bind(bootstrap, group, host, option, portSpec));
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
