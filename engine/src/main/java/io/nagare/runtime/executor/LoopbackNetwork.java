package io.nagare.runtime.executor;

import io.nagare.network.ClusterSecret;
import io.nagare.network.DataClient;
import io.nagare.network.DataServer;
import io.nagare.network.PartitionId;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.ResultSubpartition;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network data exchange on localhost for one run of a local job ({@code
 * execution.local.exchange: network}): every channel between subtasks goes through a socket, with
 * the handshake, framing and credit-based flow control of a cluster. Built by the caller of
 * {@code execute} before the subtasks start; thread-safe afterwards.
 */
final class LoopbackNetwork implements SubtaskWiring.Exchange, AutoCloseable {
  private final String job;
  private final Map<PartitionId, ResultSubpartition> partitions = new ConcurrentHashMap<>();
  private final DataServer server;
  private final DataClient client;

  LoopbackNetwork(String job) throws BindException, InterruptedException {
    this.job = job;
    ClusterSecret secret = ClusterSecret.generate();
    this.server = DataServer.start("127.0.0.1", "0", secret, partitions::get);
    this.client = new DataClient(secret);
  }

  @Override
  public boolean runsHere(int vertexId, int index) {
    return true;
  }

  /** Serves subpartition {@code sub} of producer {@code producer} on edge {@code edge}. */
  @Override
  public void register(int edge, int producer, int sub, ResultSubpartition subpartition) {
    partitions.put(new PartitionId(job, edge, producer, sub), subpartition);
  }

  /** A channel that reads that subpartition through the socket, with {@code credits} receive buffers. */
  @Override
  public InputChannel channel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer, int edge, int producer,
      int sub, int credits, int bufferSize) {
    return client.channel(channelIndex, inputIndex, deserializer, new InetSocketAddress("127.0.0.1", server.port()),
        new PartitionId(job, edge, producer, sub), credits, bufferSize);
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
