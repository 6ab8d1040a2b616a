package io.nagare.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SourceSplit;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.runtime.tasks.SourceReaderGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An enumerator's blocking calls run on a worker thread; their outcomes come back on the coordinator thread. */
class SourceCoordinatorTest {
  private final ExecutorService coordinatorThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "coord"));
  private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<Throwable> jobFailure = new CompletableFuture<>();

  @AfterEach
  void stop() {
    coordinatorThread.shutdownNow();
  }

  /** A source whose enumerator, on start, lists "partitions" once and then every 10 ms, and fails on the third. */
  private final class ListingSource implements Source<String, SourceSplit, Void> {
    @Override
    public Boundedness getBoundedness() {
      return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<SourceSplit, Void> createEnumerator(SplitEnumeratorContext<SourceSplit> context) {
      return new SplitEnumerator<>() {
        private int listings;

        @Override
        public void start() {
          context.callAsync(() -> Thread.currentThread().getName(),
              (worker, error) -> events.add("once on " + worker + ", handled on " + Thread.currentThread().getName()));
          context.callAsync(() -> {
            if (++listings == 3) {
              throw new IllegalStateException("broker gone");
            }
            return listings;
          }, (n, error) -> {
            if (error != null) {
              throw new IllegalStateException("listing failed", error);
            }
            events.add("listing " + n + " handled on " + Thread.currentThread().getName());
          }, 0, 10);
        }

        @Override
        public void handleSplitRequest(int subtask) {}

        @Override
        public void addSplitsBack(List<SourceSplit> splits, int subtask) {}

        @Override
        public void addReader(int subtask) {}

        @Override
        public Void snapshotState(long checkpointId) {
          return null;
        }
      };
    }

    @Override
    public SplitEnumerator<SourceSplit, Void> restoreEnumerator(SplitEnumeratorContext<SourceSplit> context,
        Void checkpoint) {
      return createEnumerator(context);
    }

    @Override
    public SourceReader<String, SourceSplit> createReader(SourceReaderContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SimpleVersionedSerializer<SourceSplit> getSplitSerializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void blockingCallsRunOnTheWorkerAndTheirFailureFailsTheJob() throws Exception {
    SourceCoordinator<SourceSplit> coordinator = new SourceCoordinator<>("listing", new ListingSource(), 1,
        coordinatorThread, jobFailure::complete);
    coordinator.registerReader(0, new SourceReaderGateway() {
      @Override
      public void addSplits(List<?> splits) {}

      @Override
      public void noMoreSplits() {}
    });
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seen.add(events.poll(10, TimeUnit.SECONDS));
    }
    assertThat(seen).containsExactlyInAnyOrder("once on nagare-source-worker listing, handled on coord",
        "listing 1 handled on coord", "listing 2 handled on coord");
    Throwable failure = jobFailure.get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(SourceCoordinatorException.class)
        .hasMessageStartingWith("The split enumerator of 'listing' failed: java.lang.IllegalStateException: listing failed")
        .hasRootCauseMessage("broker gone");
    coordinator.close();
  }
}
