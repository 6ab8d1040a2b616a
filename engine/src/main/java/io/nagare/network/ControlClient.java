package io.nagare.network;

import io.nagare.api.configuration.SecurityOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Opens control connections (a task manager's to its job manager); one event loop thread for all of them. */
public final class ControlClient implements AutoCloseable {
  private final ClusterSecret secret;
  private final SslContext tls;
  private final int maxMessage;
  private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("nagare-control-client",
      true));

  /** A client without TLS whose connections accept messages of the default {@code cluster.control.max-message-size}. */
  public ControlClient(ClusterSecret secret) {
    this(secret, null);
  }

  /** A client whose connections run inside TLS with {@code tls} (internal TLS), or plain if it is null. */
  public ControlClient(ClusterSecret secret, SslContext tls) {
    this(secret, tls, (int) SecurityOptions.CONTROL_MAX_MESSAGE_SIZE.defaultValue().getBytes());
  }

  /**
   * A client whose connections run inside TLS with {@code tls} (or plain if it is null) and accept
   * messages of up to {@code maxMessage} bytes ({@link FrameLimits#control}).
   */
  public ControlClient(ClusterSecret secret, SslContext tls, int maxMessage) {
    this.secret = secret;
    this.tls = tls;
    this.maxMessage = maxMessage;
  }

  /**
   * A connection to {@code address} that has passed the handshake; completes exceptionally if the
   * peer cannot be reached or refuses. {@code receiver} gets every message that arrives on it.
   */
  public CompletableFuture<ControlChannel> connect(InetSocketAddress address,
      java.util.function.Consumer<byte[]> receiver) {
    ControlChannel control = new ControlChannel();
    control.setReceiver(receiver);
    return Handshake.connect(group, address, secret, tls, maxMessage + 5, control);
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
