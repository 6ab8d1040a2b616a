package io.nagare.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.kafka.sink.DeliveryGuarantee;
import io.nagare.connectors.kafka.sink.KafkaRecordSerializationSchema;
import io.nagare.connectors.kafka.sink.KafkaSink;
import io.nagare.connectors.kafka.source.KafkaSource;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka to Kafka, exactly once, locally: a job at parallelism 2 copies a 3-partition topic into
 * another through the exactly-once sink while failures are injected at seeded random points after
 * completed checkpoints; the output, read with {@code read_committed}, holds every input record
 * exactly once, and no transaction is left open.
 */
class KafkaToKafkaExactlyOnceTest {
  private static final int RECORDS = 30_000;
  private static final int FAILURES = 3;

  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  /** The runs in which a failure was injected (the job runs in this JVM). */
  static final java.util.Set<Integer> FAILED_ATTEMPTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Passes records on at about 5,000 a second; in the first runs fails a random number of records after a checkpoint. */
  static final class PacedAndFailing extends RichMapFunction<String, String> implements CheckpointListener {
    private final long seed;
    private transient Random random;
    private transient int untilFailure;
    private transient long next;

    PacedAndFailing(long seed) {
      this.seed = seed;
    }

    @Override
    public void open(OpenContext context) {
      random = new Random(seed + getRuntimeContext().getTaskInfo().getAttemptNumber() * 31L
          + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
      untilFailure = -1;
      next = System.nanoTime();
    }

    @Override
    public String map(String value) {
      int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
      if (untilFailure == 0 && attempt < FAILURES) {
        FAILED_ATTEMPTS.add(attempt);
        throw new IllegalStateException("injected failure");
      }
      if (untilFailure > 0) {
        untilFailure--;
      }
      next += 200_000;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (untilFailure < 0) {
        untilFailure = 1 + random.nextInt(1000);
      }
    }
  }

  @Test
  void injectedFailuresLeaveEveryRecordExactlyOnceInTheCommittedOutput(@TempDir Path dir) throws Exception {
    kafka.broker().createTopic("e2e-in", 3);
    kafka.broker().createTopic("e2e-out", 2);
    for (int partition = 0; partition < 3; partition++) {
      List<String> values = new ArrayList<>();
      for (int i = partition; i < RECORDS; i += 3) {
        values.add("r-" + i);
      }
      kafka.broker().produceAll("e2e-in", partition, values);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(100);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_ATTEMPTS, FAILURES + 1);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ZERO);
    env.fromSource(KafkaSource.<String>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics("e2e-in")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setValueOnlyDeserializer(new SimpleStringSchema())
            .build(), WatermarkStrategy.noWatermarks(), "in")
        .map(new PacedAndFailing(7), Types.STRING)
        .sinkTo(KafkaSink.<String>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                .setTopic("e2e-out")
                .setValueSerializationSchema(new SimpleStringSchema())
                .build())
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix("e2e")
            .build()).name("out");
    JobClient job = env.executeAsync("kafka to kafka");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    List<String> committed = kafka.broker().readCommitted("e2e-out");
    while (committed.size() < RECORDS && System.nanoTime() < deadline) {
      committed = kafka.broker().readCommitted("e2e-out");
    }
    job.cancel().get(60, TimeUnit.SECONDS);
    ExecutionException ended = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS));
    assertThat(ended.getCause()).isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("Job 'kafka to kafka' was cancelled");
    assertThat(FAILED_ATTEMPTS).as("a failure was injected in each of the first runs").containsExactlyInAnyOrder(0, 1, 2);

    Map<String, Integer> seen = new HashMap<>();
    for (String value : kafka.broker().readCommitted("e2e-out")) {
      seen.merge(value, 1, Integer::sum);
    }
    assertThat(seen).hasSize(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      assertThat(seen.get("r-" + i)).as("r-%d", i).isEqualTo(1);
    }
    assertThat(kafka.broker().openTransactions()).noneMatch(id -> id.startsWith("e2e-"));
  }
}
