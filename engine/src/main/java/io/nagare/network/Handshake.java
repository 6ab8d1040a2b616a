package io.nagare.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first exchange on every connection: the client proves it belongs to the cluster by
 * presenting the cluster secret; the server answers {@link NetworkMessage.Welcome} or logs the
 * refusal (never the secret), answers {@link NetworkMessage.Reject} and closes. Both handlers
 * leave the pipeline once the handshake succeeded. With internal TLS ({@code
 * security.ssl.internal.enabled}) an {@link SslHandler} comes first in the pipeline, so the
 * handshake runs inside TLS; a TLS failure (a peer with another certificate, a plain-text peer) is
 * logged naming the peer and closes the connection without an answer. Each instance belongs to one
 * channel and runs on its event loop.
 */
final class Handshake {
  private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);
  /** The longest refusal reason sent back, so that a Reject fits the peer's handshake frame limit. */
  private static final int MAX_REASON = 1024;

  private Handshake() {}

  /** Server side: the first message must be a {@link NetworkMessage.Hello} with the cluster's secret. */
  static final class Server extends ChannelInboundHandlerAdapter {
    private final ClusterSecret secret;
    private final String service;
    private final int maxFrame;

    /** {@code maxFrame}: the frame limit of the connection once the peer has proved the secret. */
    Server(ClusterSecret secret, String service, int maxFrame) {
      this.secret = secret;
      this.service = service;
      this.maxFrame = maxFrame;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof NetworkMessage.Hello hello)) {
        refuse(ctx, "it did not start with a handshake");
        release(msg);
        return;
      }
      if (hello.version() != NetworkMessage.VERSION) {
        refuse(ctx, "it speaks protocol version " + hello.version() + ", this process " + NetworkMessage.VERSION);
        return;
      }
      if (!secret.matches(hello.secret())) {
        refuse(ctx, "it did not present this cluster's secret");
        return;
      }
      ctx.pipeline().get(MessageCodec.Decoder.class).limit(maxFrame);
      ctx.pipeline().remove(this);
      ctx.writeAndFlush(new NetworkMessage.Welcome());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      SSLException tls = tlsFailure(cause);
      if (tls != null) {
        LOG.warn("{} refused a connection from {}: TLS failed: {}", service, ctx.channel().remoteAddress(),
            tls.getMessage());
        ctx.close();
        return;
      }
      refuse(ctx, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
      LOG.warn("{} refused a connection from {}: {}", service, ctx.channel().remoteAddress(), reason);
      String told = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
      ctx.writeAndFlush(new NetworkMessage.Reject("Connection refused: " + told))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Client side: sends the secret when connected and completes {@code done} with the server's answer. */
  static final class Client extends ChannelInboundHandlerAdapter {
    private final ClusterSecret secret;
    private final CompletableFuture<Void> done;
    private final int maxFrame;

    /** {@code maxFrame}: the frame limit of the connection once the peer has welcomed it. */
    Client(ClusterSecret secret, CompletableFuture<Void> done, int maxFrame) {
      this.secret = secret;
      this.done = done;
      this.maxFrame = maxFrame;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(new NetworkMessage.Hello(NetworkMessage.VERSION, secret.bytes()));
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof NetworkMessage.Welcome) {
        ctx.pipeline().get(MessageCodec.Decoder.class).limit(maxFrame);
        ctx.pipeline().remove(this);
        done.complete(null);
      } else if (msg instanceof NetworkMessage.Reject reject) {
        done.completeExceptionally(new ConnectionRefusedException(ctx.channel().remoteAddress() + ": "
            + reject.reason()));
        ctx.close();
      } else {
        release(msg);
        done.completeExceptionally(new ConnectionRefusedException(ctx.channel().remoteAddress()
            + " did not answer the handshake"));
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      done.completeExceptionally(new ConnectionRefusedException(ctx.channel().remoteAddress()
          + " closed the connection during the handshake"));
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      SSLException tls = tlsFailure(cause);
      done.completeExceptionally(tls == null ? cause : new ConnectionRefusedException("TLS with "
          + ctx.channel().remoteAddress() + " failed (is its certificate, or this process's, from another"
          + " truststore?): " + tls.getMessage()));
      ctx.close();
    }
  }

  /** The TLS exception in {@code cause}'s chain, or null if it is not a TLS failure. */
  static SSLException tlsFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
      if (t instanceof NotSslRecordException notTls) {
        return new SSLException(notTls.getMessage() == null ? "not a TLS record" : "not a TLS record: "
            + notTls.getMessage().substring(0, Math.min(60, notTls.getMessage().length())), notTls);
      }
    }
    return null;
  }

  /**
   * Opens a connection to {@code address} (TLS if {@code tls} is not null, frame codec, client
   * handshake, then {@code handler}) that accepts frames of up to {@code maxFrame} bytes after the
   * handshake; completes with {@code handler} once the peer accepted the handshake, exceptionally if
   * it could not be reached or refused (a failed TLS handshake with a message saying so).
   */
  static <H extends ChannelHandler> CompletableFuture<H> connect(EventLoopGroup group, InetSocketAddress address,
      ClusterSecret secret, SslContext tls, int maxFrame, H handler) {
    CompletableFuture<Void> handshake = new CompletableFuture<>();
    CompletableFuture<H> result = new CompletableFuture<>();
    new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (tls != null) {
              SslHandler ssl = tls.newHandler(ch.alloc(), address.getHostString(), address.getPort());
              ssl.handshakeFuture().addListener(f -> {
                if (!f.isSuccess()) {
                  SSLException failure = tlsFailure(f.cause());
                  handshake.completeExceptionally(new ConnectionRefusedException("TLS handshake with " + address
                      + " failed (is its certificate, or this process's, from another truststore?): "
                      + (failure == null ? f.cause() : failure.getMessage())));
                }
              });
              ch.pipeline().addLast(ssl);
            }
            ch.pipeline().addLast(new MessageCodec.Decoder(), new MessageCodec.Encoder(), new Client(secret, handshake, maxFrame),
                handler);
          }
        })
        .connect(address).addListener(f -> {
          if (!f.isSuccess()) {
            result.completeExceptionally(new java.io.IOException("Cannot connect to " + address + ": "
                + f.cause().getMessage(), f.cause()));
          }
        });
    handshake.whenComplete((ok, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(handler);
      }
    });
    return result;
  }

  static void release(Object msg) {
    if (msg instanceof NetworkMessage.BufferResponse b && b.data() != null) {
      b.data().release();
    }
  }

  /** A peer refused the connection, or it broke off during the handshake. */
  static final class ConnectionRefusedException extends java.io.IOException {
    ConnectionRefusedException(String message) {
      super(message);
    }
  }
}
