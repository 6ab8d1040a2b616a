package io.nagare.examples.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.examples.nexmark.model.Event;
import io.nagare.examples.nexmark.source.NexmarkSource;
import io.nagare.examples.nexmark.source.NexmarkSplit;
import io.nagare.testing.CommittedRows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Nexmark query, run as a job on a small input, produces exactly the rows {@link
 * ReferenceRows} computes from the same events: at parallelism 1 and 2, and at parallelism 2
 * through a failure injected midway with checkpoints on. Rows are collected by an exactly-once
 * sink, so a replayed row would show twice.
 */
class NexmarkQueriesTest {
  private static final long EVENTS = 250_000;
  private static final long SEED = 3;
  private static final Map<String, List<String>> EXPECTED = new ConcurrentHashMap<>();

  private static List<String> expected(String query) {
    return EXPECTED.computeIfAbsent(query, q -> new ReferenceRows(EVENTS, SEED).of(q));
  }

  /** Equal as multisets; a failure names the rows missing and the rows not expected. */
  private static void assertSameRows(List<String> actual, List<String> expected) {
    assertThat(expected).isNotEmpty();
    assertThat(surplus(actual, expected)).as("rows not expected").isEmpty();
    assertThat(surplus(expected, actual)).as("rows missing").isEmpty();
  }

  /** The rows of {@code rows} left after taking away one of {@code minus} for each. */
  private static List<String> surplus(List<String> rows, List<String> minus) {
    Map<String, Integer> counts = new HashMap<>();
    rows.forEach(r -> counts.merge(r, 1, Integer::sum));
    minus.forEach(r -> counts.merge(r, -1, Integer::sum));
    List<String> left = new ArrayList<>();
    counts.forEach((row, count) -> {
      for (int i = 0; i < count; i++) {
        left.add(row);
      }
    });
    left.sort(null);
    return left;
  }

  /**
   * The source's watermarks, except for q11: there a bid exactly one gap after a bidder's previous
   * one joins that session only if no watermark was emitted between the first and this bid of
   * their millisecond (ten events share each), which depends on when the periodic watermark timer
   * fires. Lagging q11's watermarks by one more millisecond makes its rows independent of timing.
   */
  private static WatermarkStrategy<Event> watermarks(String query) {
    return query.equals("q11")
        ? WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(1)).withTimestampAssigner(
            (e, ts) -> e.dateTime())
        : NexmarkSource.watermarks();
  }

  static Stream<Arguments> queriesAndParallelisms() {
    return NexmarkQueries.ALL.stream().flatMap(q -> Stream.of(Arguments.of(q, 1), Arguments.of(q, 2)));
  }

  static Stream<String> queries() {
    return NexmarkQueries.ALL.stream();
  }

  @ParameterizedTest(name = "{0} at parallelism {1}")
  @MethodSource("queriesAndParallelisms")
  void producesTheReferenceRows(String query, int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
    NexmarkQueries.Query<?> built = NexmarkQueries.build(query,
        env.fromSource(new NexmarkSource(EVENTS, SEED), watermarks(query), "Nexmark", NexmarkSource.EVENT_TYPE));
    Outcome outcome = run(built, env);

    assertThat(outcome.result().getRestarts()).isZero();
    assertSameRows(outcome.rows(), expected(query));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void producesTheReferenceRowsThroughAFailureMidway(String query, @TempDir Path checkpoints) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(checkpoints.toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "1");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    FailOnceMidway<Event, NexmarkSplit, Collection<NexmarkSplit>> source = new FailOnceMidway<>(new NexmarkSource(EVENTS, SEED), 40);
    NexmarkQueries.Query<?> built = NexmarkQueries.build(query,
        env.fromSource(source, watermarks(query), "Nexmark failing once", NexmarkSource.EVENT_TYPE));
    Outcome outcome = run(built, env);

    assertThat(source.failed()).isTrue();
    assertThat(outcome.result().getRestarts()).isEqualTo(1);
    assertThat(outcome.result().getRestoredCheckpoints()).isNotEmpty();
    assertSameRows(outcome.rows(), expected(query));
  }

  private record Outcome(JobExecutionResult result, List<String> rows) {}

  private static <T> Outcome run(NexmarkQueries.Query<T> built, StreamExecutionEnvironment env)
      throws Exception {
    NexmarkQueries.RowFormat<T> format = built.format();
    CommittedRows<T> sink = new CommittedRows<>(format::row);
    built.stream().addSink(sink).setParallelism(built.stream().getParallelism());
    JobExecutionResult result = env.execute(built.name());
    return new Outcome(result, sink.rows());
  }
}
