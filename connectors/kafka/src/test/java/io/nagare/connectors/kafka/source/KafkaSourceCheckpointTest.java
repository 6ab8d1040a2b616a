package io.nagare.connectors.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.testing.CollectSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Offsets in checkpoints: a job started from a savepoint resumes exactly after the offsets the
 * savepoint holds (checked against keyed state taken in the same savepoint), also at another
 * parallelism; completed checkpoints are committed to the consumer group.
 */
class KafkaSourceCheckpointTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Per partition (the key), checks that sequence numbers come one after the other, and passes them on. */
  static final class SequenceCheck extends KeyedProcessFunction<Integer, String, String> {
    private transient ValueState<Integer> next;

    @Override
    public void open(OpenContext ctx) {
      next = getRuntimeContext().getState(new ValueStateDescriptor<>("next", Types.INT));
    }

    @Override
    public void processElement(String value, Context ctx, Collector<String> out) throws Exception {
      int seq = Integer.parseInt(value.substring(value.indexOf(':') + 1));
      int expected = next.value() == null ? 0 : next.value();
      if (seq != expected) {
        out.collect("ERROR partition " + ctx.getCurrentKey() + " expected " + expected + " got " + seq);
      }
      next.update(seq + 1);
      out.collect(value);
    }
  }

  /** Slows the first run down, so its savepoint falls in the middle of the topic. */
  static final class Throttle implements MapFunction<String, String> {
    @Override
    public String map(String value) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      return value;
    }
  }

  private static JobClient start(String topic, int parallelism, Path dir, String restoreFrom, boolean throttle,
      CollectSink<String> sink) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    if (restoreFrom != null) {
      env.getConfiguration().setString("execution.savepoint.path", restoreFrom);
    }
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics(topic).setValueOnlyDeserializer(new SimpleStringSchema()).build();
    var stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka", Types.STRING).uid("kafka");
    if (throttle) {
      stream = stream.map(new Throttle(), Types.STRING);
    }
    stream.keyBy(v -> Integer.parseInt(v.substring(0, v.indexOf(':'))), Types.INT)
        .process(new SequenceCheck(), Types.STRING).uid("check").setParallelism(2)
        .addSink(sink).setParallelism(2);
    return env.executeAsync("checkpointed kafka job");
  }

  private static void produce(String topic, int from, int to) throws Exception {
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      for (int p = 0; p < 3; p++) {
        List<String> values = new ArrayList<>();
        for (int seq = from; seq < to; seq++) {
          values.add(p + ":" + seq);
        }
        producer.sendAll(topic, p, values);
      }
      producer.flush();
    }
  }

  @ParameterizedTest(name = "parallelism {0} then {1}")
  @CsvSource({"2, 2", "2, 3"})
  void resumesExactlyAfterTheOffsetsOfTheSavepoint(int before, int after, @TempDir Path dir) throws Exception {
    String topic = "ckpt-resume-" + before + "-" + after;
    kafka.broker().createTopic(topic, 3);
    produce(topic, 0, 200);

    CollectSink<String> first = new CollectSink<>();
    JobClient run1 = start(topic, before, dir, null, true, first);
    Await.until("the first run to emit 100 records", TIMEOUT, () -> first.values().size() >= 100);
    String savepoint = run1.stopWithSavepoint(dir.resolve("savepoints").toUri().toString()).get(60, TimeUnit.SECONDS);
    run1.getJobExecutionResult().get(60, TimeUnit.SECONDS);
    produce(topic, 200, 250);

    CollectSink<String> second = new CollectSink<>();
    JobClient run2 = start(topic, after, dir, savepoint, false, second);
    Await.until("the second run to reach the end of all partitions", TIMEOUT,
        () -> second.values().containsAll(List.of("0:249", "1:249", "2:249")), () -> second.values().size());
    run2.cancel().get(60, TimeUnit.SECONDS);

    List<String> resumed = second.values();
    assertThat(resumed).noneMatch(v -> v.startsWith("ERROR"));
    int resumedAtTotal = 0;
    for (int p = 0; p < 3; p++) {
      String prefix = p + ":";
      List<Integer> seqs = resumed.stream().filter(v -> v.startsWith(prefix))
          .map(v -> Integer.parseInt(v.substring(prefix.length()))).collect(Collectors.toList());
      int resumedAt = seqs.get(0);
      List<Integer> expected = new ArrayList<>();
      for (int seq = resumedAt; seq < 250; seq++) {
        expected.add(seq);
      }
      assertThat(seqs).as("partition %d", p).isEqualTo(expected);
      resumedAtTotal += resumedAt;
    }
    assertThat(resumedAtTotal).as("where the savepoint left the three partitions, in all").isBetween(1, 599);
    assertThat(first.values()).noneMatch(v -> v.startsWith("ERROR"));
  }

  @Test
  void commitsTheOffsetsOfCompletedCheckpointsToTheGroup(@TempDir Path dir) throws Exception {
    kafka.broker().createTopic("ckpt-commit", 2);
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      producer.sendAll("ckpt-commit", 0, List.of("a", "b", "c", "d")).sendAll("ckpt-commit", 1, List.of("e", "f"))
          .flush();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(100);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics("ckpt-commit").setGroupId("ckpt-commit-group").setValueOnlyDeserializer(new SimpleStringSchema())
        .build();
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka", Types.STRING).addSink(sink);
    JobClient job = env.executeAsync("committing kafka job");

    Map<TopicPartition, Long> expected = Map.of(new TopicPartition("ckpt-commit", 0), 4L,
        new TopicPartition("ckpt-commit", 1), 2L);
    try {
      Await.until("all six records", TIMEOUT, () -> sink.values().size() == 6);
      Await.until("the offsets committed to the group", TIMEOUT, () -> committed("ckpt-commit-group").equals(expected),
          () -> committed("ckpt-commit-group"));
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    assertThat(sink.values()).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
  }

  private static Map<TopicPartition, Long> committed(String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          kafka.broker().admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((tp, om) -> {
        if (om != null) {
          result.put(tp, om.offset());
        }
      });
      return result;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
