package io.nagare.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.BufferPool;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.ResultSubpartition;
import io.nagare.runtime.io.StreamEvent;
import io.nagare.serialization.LongSerializer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data exchange over real sockets on localhost: order, credit-based flow control, and the cluster secret. */
class DataExchangeTest {
  private static final String JOB = "job-1";

  private final ClusterSecret secret = ClusterSecret.generate();
  private final Map<PartitionId, ResultSubpartition> partitions = new ConcurrentHashMap<>();
  private DataServer server;
  private DataClient client;

  @BeforeEach
  void start() throws Exception {
    server = DataServer.start("127.0.0.1", "0", secret, partitions::get);
    client = new DataClient(secret);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  private static PartitionId partition(int subpartition) {
    return new PartitionId(JOB, 0, 0, subpartition);
  }

  /** A data buffer from {@code pool} holding {@code text}. */
  private static Buffer data(BufferPool pool, String text) throws InterruptedException {
    Buffer b = pool.requestBuffer();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, b.data(), 0, bytes.length);
    b.setSize(bytes.length);
    return b;
  }

  /** Reads a channel on the test thread: wakes when the channel reports data. */
  private static final class Reader {
    final RemoteInputChannel channel;
    final Semaphore signal = new Semaphore(0);

    Reader(RemoteInputChannel channel) {
      this.channel = channel;
      channel.start(signal::release);
    }

    Buffer next() throws InterruptedException {
      while (true) {
        Buffer b = channel.poll();
        if (b != null) {
          return b;
        }
        assertThat(signal.tryAcquire(10, TimeUnit.SECONDS)).as("a buffer arrives").isTrue();
      }
    }
  }

  private static String describe(Buffer b) {
    return b.isEvent() ? b.getEvent().toString() : new String(b.data(), 0, b.size(), StandardCharsets.UTF_8);
  }

  private RemoteInputChannel channel(int subpartition, int credits, ClientKind kind) {
    DataClient c = kind == ClientKind.OTHER_SECRET ? new DataClient(ClusterSecret.generate()) : client;
    return c.channel(subpartition, 0, new RecordDeserializer<>(LongSerializer.INSTANCE), address(),
        partition(subpartition), credits, 64);
  }

  private enum ClientKind { CLUSTER, OTHER_SECRET }

  @Test
  void buffersAndEventsArriveInOrderAndReturnToTheProducersPool() throws Exception {
    BufferPool producerPool = new BufferPool(3, 64);
    ResultSubpartition sub = new ResultSubpartition();
    partitions.put(partition(0), sub);
    Reader reader = new Reader(channel(0, 2, ClientKind.CLUSTER));

    sub.add(data(producerPool, "first"));
    sub.add(Buffer.event(new StreamEvent.Watermark(42)));
    sub.add(data(producerPool, "second"));
    sub.add(Buffer.event(new StreamEvent.CheckpointBarrier(7, 1234)));
    sub.add(Buffer.event(StreamEvent.WatermarkStatusEvent.IDLE));
    sub.add(data(producerPool, "third"));
    List<String> received = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Buffer b = reader.next();
      received.add(describe(b));
      b.recycle();
    }
    sub.add(data(producerPool, "fourth"));
    sub.add(Buffer.event(StreamEvent.EndOfPartition.INSTANCE));
    for (int i = 0; i < 2; i++) {
      Buffer b = reader.next();
      received.add(describe(b));
      b.recycle();
    }
    assertThat(received).containsExactly("first", "Watermark(42)", "second", "CheckpointBarrier(7)",
        "WatermarkStatus(IDLE)", "third", "fourth", "EndOfPartition");
    assertThat(producerPool.numFree()).as("sent buffers went back to the producer").isEqualTo(3);
    assertThat(reader.channel.freeBuffers()).isEqualTo(2);
  }

  /**
   * A consumer that stops reading gets no more than its credit, so its producer's pool runs dry
   * (back-pressure) — while another channel on the same connection keeps flowing.
   */
  @Test
  void aBlockedChannelStopsItsProducerButNotItsNeighbourOnTheSameConnection() throws Exception {
    BufferPool slowPool = new BufferPool(6, 64);
    ResultSubpartition slow = new ResultSubpartition();
    ResultSubpartition fast = new ResultSubpartition();
    partitions.put(partition(0), slow);
    partitions.put(partition(1), fast);
    Reader slowReader = new Reader(channel(0, 2, ClientKind.CLUSTER));
    Reader fastReader = new Reader(channel(1, 2, ClientKind.CLUSTER));

    for (int i = 0; i < 6; i++) {
      slow.add(data(slowPool, "slow " + i));
    }
    List<Buffer> heldBySlowConsumer = new ArrayList<>();
    heldBySlowConsumer.add(slowReader.next());
    heldBySlowConsumer.add(slowReader.next());

    BufferPool fastPool = new BufferPool(4, 64);
    Thread producer = new Thread(() -> {
      try {
        for (int i = 0; i < 200; i++) {
          fast.add(data(fastPool, "fast " + i));
        }
        fast.add(Buffer.event(StreamEvent.EndOfPartition.INSTANCE));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    int fastReceived = 0;
    while (true) {
      Buffer b = fastReader.next();
      if (b.isEvent()) {
        break;
      }
      assertThat(describe(b)).isEqualTo("fast " + fastReceived);
      fastReceived++;
      b.recycle();
    }
    producer.join(10_000);
    assertThat(fastReceived).isEqualTo(200);

    assertThat(slowReader.channel.poll()).as("nothing beyond the slow channel's credit was sent").isNull();
    assertThat(slowReader.channel.receiveBufferUsage()).as("both receive buffers held by the consumer").isEqualTo(1.0);
    assertThat(slowReader.channel.queuedBuffers()).isZero();
    assertThat(fastReader.channel.receiveBufferUsage()).isEqualTo(0.0);
    assertThat(slow.size()).as("the rest waits at the producer").isEqualTo(4);
    slow.add(data(slowPool, "slow 6"));
    slow.add(data(slowPool, "slow 7"));
    assertThat(slowPool.isAvailable()).as("after its 6 buffers the producer is back-pressured").isFalse();
    assertThat(slow.size()).isEqualTo(6);

    heldBySlowConsumer.forEach(Buffer::recycle);
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Buffer b = slowReader.next();
      rest.add(describe(b));
      b.recycle();
    }
    assertThat(rest).containsExactly("slow 2", "slow 3", "slow 4", "slow 5", "slow 6", "slow 7");
  }

  @Test
  void aPeerWithoutTheClusterSecretIsRefused() throws Exception {
    partitions.put(partition(0), new ResultSubpartition());
    Reader stranger = new Reader(channel(0, 2, ClientKind.OTHER_SECRET));
    assertThat(stranger.signal.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(stranger.channel::poll)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot read " + partition(0))
        .hasMessageContaining("Connection refused: it did not present this cluster's secret");
  }

  @Test
  void somethingThatIsNotANagarePeerIsDisconnected() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /overview HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readAllBytes();
      assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain("partition");
    }
  }

  @Test
  void aRequestForAPartitionThatIsNotThereFailsTheChannelByName() throws Exception {
    Reader reader = new Reader(channel(3, 2, ClientKind.CLUSTER));
    assertThat(reader.signal.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(reader.channel::poll)
        .hasMessageStartingWith("No partition " + partition(3) + " on /127.0.0.1:" + server.port());
  }
}
