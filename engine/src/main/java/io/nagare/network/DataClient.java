package io.nagare.network;

import io.nagare.runtime.io.RecordDeserializer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consuming side of the data exchange on one task manager: one connection per remote task
 * manager, shared by every {@link RemoteInputChannel} reading from it, each tagged by its own
 * receiver id. Connections are opened on first use and prove the cluster secret first.
 *
 * <p>Threads: one Netty event loop runs all connections and delivers buffers to the channels; the
 * map of connections is concurrent because subtasks open channels from their own threads.
 */
public final class DataClient implements AutoCloseable {
  private final ClusterSecret secret;
  private final SslContext tls;
  private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("nagare-data-client", true));
  private final Map<InetSocketAddress, CompletableFuture<Connection>> connections = new ConcurrentHashMap<>();
  private final AtomicLong receiverIds = new AtomicLong();

  /** A client without TLS. */
  public DataClient(ClusterSecret secret) {
    this(secret, null);
  }

  /** A client whose connections run inside TLS with {@code tls} (internal TLS), or plain if it is null. */
  public DataClient(ClusterSecret secret, SslContext tls) {
    this.secret = secret;
    this.tls = tls;
  }

  /**
   * A channel that reads subpartition {@code partition} from the task manager at {@code producer},
   * with {@code credits} receive buffers of {@code bufferSize} bytes of its own.
   */
  public RemoteInputChannel channel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer,
      InetSocketAddress producer, PartitionId partition, int credits, int bufferSize) {
    return new RemoteInputChannel(channelIndex, inputIndex, deserializer, this, producer, partition,
        receiverIds.incrementAndGet(), credits, bufferSize);
  }

  /** The handshaken connection to {@code address}, opened if there is none (or the last one closed). */
  CompletableFuture<Connection> connection(InetSocketAddress address) {
    return connections.compute(address, (a, existing) -> {
      if (existing != null && !(existing.isDone() && (existing.isCompletedExceptionally()
          || !existing.join().channel.isActive()))) {
        return existing;
      }
      return connect(a);
    });
  }

  private CompletableFuture<Connection> connect(InetSocketAddress address) {
    return Handshake.connect(group, address, secret, tls, FrameLimits.DATA, new Connection());
  }

  @Override
  public void close() {
    for (CompletableFuture<Connection> c : connections.values()) {
      c.thenAccept(connection -> connection.channel.close());
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One connection: routes buffers to the channels registered on it. Runs on the event loop. */
  static final class Connection extends SimpleChannelInboundHandler<NetworkMessage> {
    private final Map<Long, RemoteInputChannel> receivers = new ConcurrentHashMap<>();
    private volatile Channel channel;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      channel = ctx.channel();
      ctx.fireChannelActive();
    }

    Channel channel() {
      return channel;
    }

    void register(RemoteInputChannel receiver) {
      receivers.put(receiver.receiverId(), receiver);
    }

    void unregister(RemoteInputChannel receiver) {
      receivers.remove(receiver.receiverId());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, NetworkMessage msg) {
      if (msg instanceof NetworkMessage.BufferResponse buffer) {
        RemoteInputChannel receiver = receivers.get(buffer.receiverId());
        if (receiver == null) {
          Handshake.release(msg);
          return;
        }
        receiver.onBuffer(buffer);
      } else if (msg instanceof NetworkMessage.ErrorResponse error) {
        RemoteInputChannel receiver = receivers.remove(error.receiverId());
        if (receiver != null) {
          receiver.onError(new IOException(error.message()));
        }
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      for (RemoteInputChannel receiver : receivers.values()) {
        receiver.onError(new IOException("The connection to " + ctx.channel().remoteAddress() + " closed"));
      }
      receivers.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      for (RemoteInputChannel receiver : receivers.values()) {
        receiver.onError(new IOException("The connection to " + ctx.channel().remoteAddress() + " failed: " + cause,
            cause));
      }
      receivers.clear();
      ctx.close();
    }
  }
}
