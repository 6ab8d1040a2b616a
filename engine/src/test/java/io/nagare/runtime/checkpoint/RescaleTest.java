package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.environment.JobClient;
import io.nagare.api.tuple.Tuple2;
import io.nagare.testing.CollectSink;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyed state across parallelism changes: the number of key groups (max parallelism) a savepoint
 * was written with is the one its state is read with, also when the new parallelism's default
 * would be another; an explicit other max parallelism, or a parallelism above it, is refused.
 */
class RescaleTest {
  private static final int KEYS = 1000;

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void everyKeysStateFollowsItFromParallelism2To100AndBack(String backend, @TempDir Path dir) throws Exception {
    TallyJob.Result first = TallyJob.run(new TallyJob.Run(backend, 2, -1, KEYS, null), dir);
    TallyJob.assertEveryKeyCounted(first.counts(), KEYS, 1);

    TallyJob.Result wide = TallyJob.run(new TallyJob.Run(backend, 100, -1, KEYS, first.savepoint()), dir);
    TallyJob.assertEveryKeyCounted(wide.counts(), KEYS, 2);

    TallyJob.Result narrow = TallyJob.run(new TallyJob.Run(backend, 2, -1, KEYS, wide.savepoint()), dir);
    TallyJob.assertEveryKeyCounted(narrow.counts(), KEYS, 3);
  }

  /** Starts a run that must be refused, and returns why. */
  private static Throwable refusal(TallyJob.Run run) throws Exception {
    JobClient client = TallyJob.environment(run, new CollectSink<Tuple2<Long, Long>>()).executeAsync("tally");
    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> client.getJobExecutionResult().get(TallyJob.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    return failure.getCause();
  }

  @Test
  void anExplicitMaxParallelismOtherThanTheSavepointsIsRefused(@TempDir Path dir) throws Exception {
    TallyJob.Result first = TallyJob.run(new TallyJob.Run("hashmap", 2, 64, 10, null), dir);

    assertThat(refusal(new TallyJob.Run("hashmap", 2, 32, 10, first.savepoint())))
        .hasMessageContaining("cannot restore from '" + first.savepoint() + "'")
        .hasMessageContaining("(uid tally) has max parallelism 32, but its state was written with max parallelism 64."
            + " Keyed state keeps its number of key groups for good: set max parallelism 64 (setMaxParallelism), or"
            + " start without this state.");
  }

  @Test
  void aParallelismAboveTheSavepointsMaxParallelismIsRefused(@TempDir Path dir) throws Exception {
    TallyJob.Result first = TallyJob.run(new TallyJob.Run("hashmap", 2, 8, 10, null), dir);

    assertThat(refusal(new TallyJob.Run("hashmap", 9, -1, 10, first.savepoint())))
        .hasMessageContaining("cannot restore from '" + first.savepoint() + "'")
        .hasMessageContaining("(uid tally) runs at parallelism 9, above the max parallelism 8 its state was written"
            + " with. Keyed state keeps its number of key groups for good: run the operator at parallelism 8 or less.");
  }

  @Test
  void theSameExplicitMaxParallelismRestoresAtAnotherParallelism(@TempDir Path dir) throws Exception {
    TallyJob.Result first = TallyJob.run(new TallyJob.Run("hashmap", 3, 300, KEYS, null), dir);
    TallyJob.Result second = TallyJob.run(new TallyJob.Run("hashmap", 5, 300, KEYS, first.savepoint()), dir);
    TallyJob.assertEveryKeyCounted(second.counts(), KEYS, 2);
  }
}
