package io.nagare.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.opensearch.testing.OpensearchNodeExtension;
import io.nagare.testing.HeldNumbers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenSearch node goes away while a job writes to it and comes back on the same port with the
 * same data. The node stops while every reader waits at its hold point after a checkpoint, so the
 * test knows what that checkpoint covers; the readers then go on, and the next checkpoint's bulk
 * request finds no node, which fails the job. Once the job has restarted the node starts again; the
 * restarted job (after more restarts while the node was still down) resumes from its checkpoint.
 * The sink's bulks are larger than the input, so only checkpoints (and the end) send them. The sink
 * runs in a task of its own, so the source's task opens in each restarted attempt even while the
 * sink's writers cannot.
 */
class OpensearchNodeLossTest {
  private static final long COUNT = 4_000;

  @RegisterExtension static OpensearchNodeExtension opensearch = new OpensearchNodeExtension();

  @Test
  void aJobWhoseNodeGoesAwayRestartsFromItsCheckpointAndLeavesExactDocuments() throws Exception {
    HeldNumbers source = new HeldNumbers(COUNT, Set.of(500L, 2_500L));
    String run = UUID.randomUUID().toString();
    RestartSeen.RESTARTED.put(run, new CompletableFuture<>());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ofMillis(200));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .map(new RestartSeen(run), Types.LONG)
        .sinkTo(OpensearchSink.<Long>builder().setHosts(opensearch.url())
            .setEmitter(NumbersInOpensearch.emitter("loss")).setBulkFlushMaxActions(100_000).build())
        .name("to OpenSearch").disableChaining();
    JobClient job = env.executeAsync("OpenSearch goes away");

    source.awaitAllHeldAfterACheckpoint(Duration.ofMinutes(1));
    assertThat(opensearch.documents("loss-last")).as("the checkpoint at the hold points covers every number before them")
        .containsKeys("0", "4");
    opensearch.node().stop();
    source.openGate();
    RestartSeen.RESTARTED.get(run).get(2, TimeUnit.MINUTES);
    opensearch.node().restart();
    JobExecutionResult result = job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

    assertThat(result.getRestarts()).as("the bulk request after the node went away failed").isPositive();
    assertThat(result.getRestoredCheckpoints()).allSatisfy(id -> assertThat(id).isPositive());
    NumbersInOpensearch.assertHolds(opensearch, "loss", COUNT);
  }

  /** Passes numbers on, and completes its run's future when a subtask opens in a restarted attempt. */
  static final class RestartSeen extends RichMapFunction<Long, Long> {
    static final Map<String, CompletableFuture<Void>> RESTARTED = new ConcurrentHashMap<>();
    private final String run;

    RestartSeen(String run) {
      this.run = run;
    }

    @Override
    public void open(OpenContext openContext) {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
        RESTARTED.get(run).complete(null);
      }
    }

    @Override
    public Long map(Long value) {
      return value;
    }
  }
}
