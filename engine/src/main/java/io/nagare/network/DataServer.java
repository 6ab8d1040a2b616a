package io.nagare.network;

import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.ResultSubpartition;
import io.nagare.runtime.io.StreamEvent;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producing side of the data exchange on one task manager: serves subpartitions to remote
 * consumers. A consumer requests a subpartition with an initial credit (the buffers it has set
 * aside for it); the server sends a data buffer only while the consumer has credit, so a slow
 * consumer stops its producer (whose buffer pool then runs dry) without stalling the other
 * subpartitions multiplexed on the same connection. Events travel without credit, in order.
 *
 * <p>Threads: one Netty event loop serves all connections; each connection's senders are owned by
 * its event loop. Producers only wake it through the subpartition's data listener.
 */
public final class DataServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);

  /** Where the server finds a subpartition that a consumer requests. Called on the event loop. */
  @FunctionalInterface
  public interface PartitionProvider {
    /** The subpartition, or null if this task manager has none of that name (yet). */
    ResultSubpartition find(PartitionId id);
  }

  private final EventLoopGroup group;
  private final Channel channel;
  private final int port;

  private DataServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
    this.port = ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * Binds to the first free port of {@code portSpec} ({@code taskmanager.data.port}) on {@code host}.
   *
   * @throws BindException naming the ports if none of them is free
   */
  public static DataServer start(String host, String portSpec, ClusterSecret secret, PartitionProvider partitions)
      throws BindException, InterruptedException {
    return start(host, portSpec, secret, null, partitions);
  }

  /**
   * As {@link #start(String, String, ClusterSecret, PartitionProvider)}, every connection inside
   * TLS with {@code tls} (internal TLS: mutual), or plain if it is null.
   */
  public static DataServer start(String host, String portSpec, ClusterSecret secret, SslContext tls,
      PartitionProvider partitions) throws BindException, InterruptedException {
    EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("nagare-data-server", true));
    ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new MessageCodec.Decoder(), new MessageCodec.Encoder(),
                new Handshake.Server(secret, "The data server", FrameLimits.DATA), new Connection(partitions));
          }
        });
    return new DataServer(group, PortRange.bind(bootstrap, group, host, "taskmanager.data.port", portSpec));
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One consumer's subpartition on a connection: its credit and whether it has ended. Event loop only. */
  private static final class Sender {
    final long receiverId;
    final ResultSubpartition subpartition;
    int credit;
    boolean done;

    Sender(long receiverId, ResultSubpartition subpartition, int credit) {
      this.receiverId = receiverId;
      this.subpartition = subpartition;
      this.credit = credit;
    }
  }

  /** The requests and senders of one connection; runs on its event loop. */
  private static final class Connection extends SimpleChannelInboundHandler<NetworkMessage> {
    private final PartitionProvider partitions;
    private final Map<Long, Sender> senders = new HashMap<>();

    Connection(PartitionProvider partitions) {
      this.partitions = partitions;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, NetworkMessage msg) {
      if (msg instanceof NetworkMessage.PartitionRequest request) {
        ResultSubpartition subpartition = partitions.find(request.partition());
        if (subpartition == null) {
          ctx.writeAndFlush(new NetworkMessage.ErrorResponse(request.receiverId(), "No partition "
              + request.partition() + " on " + ctx.channel().localAddress()));
          return;
        }
        Sender sender = new Sender(request.receiverId(), subpartition, request.credit());
        senders.put(request.receiverId(), sender);
        subpartition.setDataListener(() -> ctx.executor().execute(() -> send(ctx, sender)));
        send(ctx, sender);
      } else if (msg instanceof NetworkMessage.AddCredit credit) {
        Sender sender = senders.get(credit.receiverId());
        if (sender != null) {
          sender.credit += credit.credit();
          send(ctx, sender);
        }
      } else if (msg instanceof NetworkMessage.CancelRequest cancel) {
        Sender sender = senders.remove(cancel.receiverId());
        if (sender != null) {
          sender.done = true;
        }
      } else {
        Handshake.release(msg);
        LOG.warn("Unexpected {} from {}; closing the connection", msg.getClass().getSimpleName(),
            ctx.channel().remoteAddress());
        ctx.close();
      }
    }

    /** Sends what the subpartition holds: data while there is credit, events always. */
    private void send(ChannelHandlerContext ctx, Sender sender) {
      boolean wrote = false;
      while (!sender.done) {
        Buffer head = sender.subpartition.peek();
        if (head == null || (!head.isEvent() && sender.credit == 0)) {
          break;
        }
        Buffer buffer = sender.subpartition.poll();
        if (buffer.isEvent()) {
          ctx.write(new NetworkMessage.BufferResponse(sender.receiverId, null, buffer.getEvent()));
          if (buffer.getEvent() instanceof StreamEvent.EndOfPartition) {
            sender.done = true;
            senders.remove(sender.receiverId);
          }
        } else {
          ByteBuf data = ctx.alloc().buffer(buffer.size());
          data.writeBytes(buffer.data(), 0, buffer.size());
          buffer.recycle();
          sender.credit--;
          ctx.write(new NetworkMessage.BufferResponse(sender.receiverId, data, null));
        }
        wrote = true;
      }
      if (wrote) {
        ctx.flush();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      for (Sender sender : senders.values()) {
        sender.done = true;
      }
      senders.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("Data connection from {} failed; closing it", ctx.channel().remoteAddress(), cause);
      ctx.close();
    }
  }
}
