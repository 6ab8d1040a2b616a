package io.nagare.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.opensearch.testing.OpensearchNodeExtension;
import io.nagare.testing.FailingOnceAt;
import io.nagare.testing.HeldNumbers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole jobs writing to a real OpenSearch node with {@code DataStream.sinkTo} in the local runtime. */
class OpensearchSinkJobTest {
  private static final long COUNT = 4_000;

  @RegisterExtension static OpensearchNodeExtension opensearch = new OpensearchNodeExtension();

  private static OpensearchSinkBuilder<Long> sink(String prefix) {
    return OpensearchSink.<Long>builder().setHosts(opensearch.url()).setEmitter(NumbersInOpensearch.emitter(prefix));
  }

  @Test
  void aBoundedJobWritesEveryRequestOfEveryRecord() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(0, COUNT - 1).sinkTo(sink("bounded").setBulkFlushMaxActions(500).build()).name("to OpenSearch");

    env.execute("bounded to OpenSearch");

    NumbersInOpensearch.assertHolds(opensearch, "bounded", COUNT);
  }

  /**
   * Fails once at a seeded position after the checkpoint at the hold points. With bulks larger than
   * the input, requests reach OpenSearch only at checkpoints and at the end, so the records before
   * the restored checkpoint are there only if the checkpoint's flush wrote them; with small bulks,
   * bulks sent between checkpoints are replayed over.
   */
  @ParameterizedTest(name = "seed {0}, bulk of {1}")
  @CsvSource({"7, 300", "7, 100000", "1000003, 300", "1000003, 100000"})
  void aFailureAfterACheckpointLeavesWhatARunWithoutFailuresLeaves(long seed, int maxActions) throws Exception {
    String prefix = "failover-" + seed + "-" + maxActions;
    HeldNumbers source = new HeldNumbers(COUNT, Set.of(500L, 2_500L));
    Random random = new Random(seed);
    long failAt = random.nextInt(2) * 2_000L + 500 + random.nextInt(1_500);
    String failure = UUID.randomUUID().toString();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ofMillis(10));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .map(new FailingOnceAt(failAt, failure), Types.LONG)
        .sinkTo(sink(prefix).setBulkFlushMaxActions(maxActions).build()).name("to OpenSearch");
    JobClient job = env.executeAsync("fails once at " + failAt);

    source.awaitAllHeldAfterACheckpoint(Duration.ofMinutes(1));
    source.openGate();
    JobExecutionResult result = job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

    assertThat(FailingOnceAt.FAILED).as("failed at %d", failAt).containsEntry(failure, true);
    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(result.getRestoredCheckpoints()).as("restored from a checkpoint, not from the start")
        .singleElement().satisfies(id -> assertThat(id).isPositive());
    NumbersInOpensearch.assertHolds(opensearch, prefix, COUNT);
  }

  @Test
  void anUnreachableServerFailsTheJobNamingTheSinkAndTheHost() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 3)
        .sinkTo(OpensearchSink.<Long>builder().setHosts("http://127.0.0.1:" + port)
            .setEmitter((n, context, indexer) -> {}).build())
        .name("to OpenSearch");

    Throwable failure = catchThrowable(() -> env.execute("no OpenSearch"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(FailingOnceAt.messages(failure)).contains("OpenSearch sink 'to OpenSearch' (subtask 1/1) cannot connect to OpenSearch"
        + " at http://127.0.0.1:" + port + ": Connection refused");
  }

  @Test
  void aDocumentTheMappingRejectsFailsTheJobNamingTheSinkTheDocumentAndTheRecord() throws Exception {
    opensearch.createIndex("rejected-in-job", "{\"n\":{\"type\":\"long\"}}");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromElements("1", "2", "three", "4")
        .sinkTo(OpensearchSink.<String>builder().setHosts(opensearch.url())
            .setEmitter((s, context, indexer) -> indexer.add(IndexRequest.of("rejected-in-job", "doc-" + s,
                Map.of("n", s))))
            .build())
        .name("to OpenSearch");

    Throwable failure = catchThrowable(() -> env.execute("mapping conflict"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(FailingOnceAt.messages(failure)).anySatisfy(m -> assertThat(m).startsWith("OpenSearch sink 'to OpenSearch'"
        + " (subtask 1/1): OpenSearch at " + opensearch.url() + " refused index of document 'doc-three' in"
        + " 'rejected-in-job' (record 3 since the subtask started): 400 mapper_parsing_exception: failed to parse"
        + " field [n] of type [long] in document with id 'doc-three'."));
    assertThat(opensearch.documents("rejected-in-job")).containsOnlyKeys("doc-1", "doc-2", "doc-4");
  }

}
