package io.nagare.connectors.socket;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.connectors.base.QueueSplitEnumerator;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Text read from a TCP socket and split at a delimiter, until the peer closes the connection (then
 * the text after the last delimiter, if any, is the final record). One split, so parallelism 1.
 * Not replayable: a restart reconnects and reads what the peer sends from then on.
 *
 * <p>Threads: the reader's fetcher thread owns the socket; it reads, splits, and puts records into a
 * bounded queue (blocking when it is full, so a slow job back-pressures the socket). The subtask's
 * thread takes them in {@code pollNext}; the fetcher completes the availability future when it adds
 * a record or ends.
 */
public final class SocketTextSource implements Source<String, SocketSplit, Collection<SocketSplit>> {
  private static final long serialVersionUID = 1L;
  private static final int QUEUE_CAPACITY = 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final String hostname;
  private final int port;
  private final String delimiter;

  public SocketTextSource(String hostname, int port, String delimiter) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("socketTextStream: port must be in 0..65535, not " + port);
    }
    if (delimiter == null || delimiter.isEmpty()) {
      throw new IllegalArgumentException("socketTextStream: the delimiter must not be empty");
    }
    this.hostname = hostname;
    this.port = port;
    this.delimiter = delimiter;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<SocketSplit, Collection<SocketSplit>> createEnumerator(
      SplitEnumeratorContext<SocketSplit> context) {
    return new QueueSplitEnumerator<>(context, List.of(new SocketSplit()));
  }

  @Override
  public SplitEnumerator<SocketSplit, Collection<SocketSplit>> restoreEnumerator(
      SplitEnumeratorContext<SocketSplit> context, Collection<SocketSplit> checkpoint) {
    return new QueueSplitEnumerator<>(context, checkpoint);
  }

  @Override
  public SourceReader<String, SocketSplit> createReader(SourceReaderContext context) {
    return new SocketReader(context);
  }

  @Override
  public SimpleVersionedSerializer<SocketSplit> getSplitSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(SocketSplit split) {
        return new byte[0];
      }

      @Override
      public SocketSplit deserialize(int version, byte[] serialized) {
        return new SocketSplit();
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<Collection<SocketSplit>> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Collection<SocketSplit> splits) {
        return new byte[] {(byte) splits.size()};
      }

      @Override
      public Collection<SocketSplit> deserialize(int version, byte[] serialized) {
        List<SocketSplit> splits = new ArrayList<>();
        for (int i = 0; i < serialized[0]; i++) {
          splits.add(new SocketSplit());
        }
        return splits;
      }
    };
  }

  private final class SocketReader implements SourceReader<String, SocketSplit> {
    private final SourceReaderContext context;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile boolean finished;
    private volatile IOException failure;
    private volatile Socket socket;
    private volatile boolean closed;
    private Thread fetcher;
    private SocketSplit split;
    private boolean noMoreSplits;

    SocketReader(SourceReaderContext context) {
      this.context = context;
    }

    @Override
    public void start() {
      context.sendSplitRequest();
    }

    @Override
    public void addSplits(List<SocketSplit> splits) {
      if (split == null && !splits.isEmpty()) {
        split = splits.get(0);
        fetcher = new Thread(this::fetch, "nagare-socket-fetcher " + hostname + ":" + port);
        fetcher.setDaemon(true);
        fetcher.start();
      }
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      available.complete(null);
    }

    @Override
    public InputStatus pollNext(ReaderOutput<String> output) throws IOException {
      if (split == null) {
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        return waitForData();
      }
      boolean ended = finished;
      String record = queue.poll();
      if (record == null) {
        if (ended) {
          if (failure != null) {
            throw failure;
          }
          return InputStatus.END_OF_INPUT;
        }
        return waitForData();
      }
      int n = 0;
      do {
        output.collect(record);
      } while (++n < 256 && (record = queue.poll()) != null);
      return InputStatus.MORE_AVAILABLE;
    }

    private InputStatus waitForData() {
      CompletableFuture<Void> next = new CompletableFuture<>();
      available = next;
      if (!queue.isEmpty() || finished || (split == null && noMoreSplits)) {
        next.complete(null);
      }
      return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return available;
    }

    /** The fetcher thread: connect, read, split, enqueue; ends when the peer closes or the reader does. */
    private void fetch() {
      try (Socket s = new Socket()) {
        socket = s;
        if (closed) {
          return;
        }
        s.connect(new InetSocketAddress(hostname, port), CONNECT_TIMEOUT_MILLIS);
        Reader in = new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8);
        StringBuilder buffer = new StringBuilder();
        char[] chars = new char[8192];
        int n;
        while ((n = in.read(chars)) >= 0) {
          buffer.append(chars, 0, n);
          int from = 0;
          int at;
          while ((at = buffer.indexOf(delimiter, from)) >= 0) {
            put(stripCarriageReturn(buffer.substring(from, at)));
            from = at + delimiter.length();
          }
          buffer.delete(0, from);
        }
        if (buffer.length() > 0) {
          put(stripCarriageReturn(buffer.toString()));
        }
      } catch (IOException e) {
        if (!closed) {
          failure = new IOException("Socket source " + hostname + ":" + port + " failed: " + e.getMessage(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        finished = true;
        available.complete(null);
      }
    }

    private String stripCarriageReturn(String record) {
      return "\n".equals(delimiter) && record.endsWith("\r") ? record.substring(0, record.length() - 1) : record;
    }

    private void put(String record) throws InterruptedException {
      queue.put(record);
      available.complete(null);
    }

    @Override
    public List<SocketSplit> snapshotState(long checkpointId) {
      return split == null ? List.of() : List.of(split);
    }

    @Override
    public void close() throws Exception {
      closed = true;
      Socket s = socket;
      if (s != null) {
        s.close();
      }
      if (fetcher != null) {
        fetcher.interrupt();
        fetcher.join();
      }
    }
  }
}
