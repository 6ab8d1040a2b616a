package io.nagare.connectors.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.testing.FailingOnceAt;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whole jobs writing to Kafka with {@code DataStream.sinkTo} in the local runtime. */
class KafkaSinkJobTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  private static KafkaSinkBuilder<String> sink(String topic, DeliveryGuarantee guarantee) {
    return KafkaSink.<String>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
            .setTopic(topic)
            .setValueSerializationSchema(new SimpleStringSchema())
            .build())
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(topic)
        .setProperty("max.block.ms", "5000");
  }

  private static List<String> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
  }

  @ParameterizedTest
  @EnumSource(DeliveryGuarantee.class)
  void aBoundedJobWritesEveryRecordOnce(DeliveryGuarantee guarantee) throws Exception {
    String topic = "job-bounded-" + guarantee.name().toLowerCase().replace('_', '-');
    kafka.broker().createTopic(topic, 2);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      env.enableCheckpointing(50);
    }
    env.fromSequence(1, 300).map(Object::toString, Types.STRING).sinkTo(sink(topic, guarantee).build()).name("to Kafka");

    env.execute("bounded to Kafka");

    assertThat(kafka.broker().readCommitted(topic)).containsExactlyInAnyOrderElementsOf(numbers(1, 300));
    assertThat(kafka.broker().openTransactions()).noneMatch(id -> id.startsWith(topic + "-"));
  }

  @Test
  void exactlyOnceRecoversFromAFailureWithoutLosingOrRepeatingRecords() throws Exception {
    String topic = "job-failover";
    kafka.broker().createTopic(topic, 2);
    NumbersUntilCheckpoints source = new NumbersUntilCheckpoints(4);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(40);
    env.getConfiguration().set(RestartStrategyOptions.FIXED_DELAY_DELAY, Duration.ofMillis(10));
    String failure = UUID.randomUUID().toString();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .map(new SlowFailingOnceAfterACheckpoint(failure), Types.STRING)
        .sinkTo(sink(topic, DeliveryGuarantee.EXACTLY_ONCE).build()).name("to Kafka");

    env.execute("fails once");

    assertThat(SlowFailingOnceAfterACheckpoint.FAILED.get(failure)).as("the job failed once").isTrue();
    List<Long> written = kafka.broker().readCommitted(topic).stream().map(Long::parseLong).sorted().toList();
    long firstSplit = written.stream().filter(n -> n < NumbersUntilCheckpoints.SECOND_SPLIT_START).count();
    List<Long> expected = LongStream.concat(
            LongStream.range(0, firstSplit),
            LongStream.range(NumbersUntilCheckpoints.SECOND_SPLIT_START,
                NumbersUntilCheckpoints.SECOND_SPLIT_START + source.emitted() - firstSplit))
        .boxed().toList();
    assertThat(written).containsExactlyElementsOf(expected);
    assertThat(kafka.broker().openTransactions()).noneMatch(id -> id.startsWith(topic + "-"));
  }

  @Test
  void exactlyOnceWithoutCheckpointingIsRefusedBeforeTheJobRuns() {
    kafka.broker().createTopic("job-refused", 1);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 3).map(Object::toString, Types.STRING)
        .sinkTo(sink("job-refused", DeliveryGuarantee.EXACTLY_ONCE).build()).name("to Kafka");

    assertThatThrownBy(() -> env.execute("refused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Job refused: Kafka sink 'to Kafka': EXACTLY_ONCE needs checkpointing (records become visible when a"
            + " checkpoint completes), but execution.checkpointing.interval is not set: set it (for example 10 s), or use"
            + " DeliveryGuarantee.AT_LEAST_ONCE");
    assertThat(kafka.broker().readCommitted("job-refused")).isEmpty();
  }

  @Test
  void twoSinksWithOnePrefixAreRefused() {
    kafka.broker().createTopic("job-shared-prefix", 1);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(1000);
    var strings = env.fromSequence(1, 3).map(Object::toString, Types.STRING);
    strings.sinkTo(sink("job-shared-prefix", DeliveryGuarantee.EXACTLY_ONCE).build()).name("first");
    strings.sinkTo(sink("job-shared-prefix", DeliveryGuarantee.EXACTLY_ONCE).build()).name("second");

    assertThatThrownBy(() -> env.execute("refused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Job refused: 'second' and 'first' both use Kafka transactional id prefix 'job-shared-prefix';"
            + " give each its own");
  }

  @Test
  void aRecordTheProducerRefusesFailsTheJobNamingTheTopic() {
    kafka.broker().createTopic("job-too-large", 1);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromElements("small", "x".repeat(2000))
        .sinkTo(sink("job-too-large", DeliveryGuarantee.AT_LEAST_ONCE).setProperty("max.request.size", "1000").build())
        .name("to Kafka");

    Throwable failure = catchThrowable(() -> env.execute("too large"));

    assertThat(failure).isInstanceOf(JobExecutionException.class);
    assertThat(FailingOnceAt.messages(failure)).contains("Kafka sink 'to Kafka' (subtask 1/1) could not write a record to topic"
        + " job-too-large: The message is 2086 bytes when serialized which is larger than 1000, which is the value of"
        + " the max.request.size configuration.");
  }


  /**
   * Slows the stream to about a record per millisecond per subtask, so a checkpoint covers tens of
   * records, and fails once, right after the first checkpoint it saw complete.
   */
  static final class SlowFailingOnceAfterACheckpoint implements MapFunction<Long, String>, CheckpointListener {
    static final Map<String, Boolean> FAILED = new ConcurrentHashMap<>();
    private final String id;
    private transient boolean checkpointCompleted;

    SlowFailingOnceAfterACheckpoint(String id) {
      this.id = id;
    }

    @Override
    public String map(Long value) throws Exception {
      Thread.sleep(1);
      if (checkpointCompleted && FAILED.putIfAbsent(id, true) == null) {
        throw new IllegalStateException("failing once on purpose");
      }
      return value.toString();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointCompleted = true;
    }
  }
}
