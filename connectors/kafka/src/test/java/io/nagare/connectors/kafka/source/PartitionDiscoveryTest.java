package io.nagare.connectors.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.testing.CollectSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unbounded jobs pick up partitions and topics created while they run. */
class PartitionDiscoveryTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static JobClient start(KafkaSourceBuilder<String> builder, CollectSink<String> sink) throws Exception {
    KafkaSource<String> source = builder.setBootstrapServers(kafka.bootstrapServers())
        .setValueOnlyDeserializer(new SimpleStringSchema()).setProperty("partition.discovery.interval.ms", "200")
        .build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka", source.getProducedType()).addSink(sink);
    return env.executeAsync("discovering kafka job");
  }

  @Test
  void readsAPartitionAddedWhileTheJobRuns() throws Exception {
    kafka.broker().createTopic("disc-grow", 1);
    kafka.broker().produce("disc-grow", 0, null, "a");
    CollectSink<String> sink = new CollectSink<>();
    JobClient job = start(KafkaSource.<String>builder().setTopics("disc-grow"), sink);
    try {
      Await.until("the first record", TIMEOUT, () -> sink.values().contains("a"));
      kafka.broker().addPartitions("disc-grow", 2);
      kafka.broker().produce("disc-grow", 1, null, "b");

      Await.until("the record of the new partition", TIMEOUT, () -> sink.values().contains("b"), sink::values);
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    assertThat(sink.values()).containsExactly("a", "b");
  }

  @Test
  void readsANewTopicThatMatchesThePatternAndNoOtherTopic() throws Exception {
    kafka.broker().createTopic("disc-pat-1", 1);
    kafka.broker().produce("disc-pat-1", 0, null, "x");
    CollectSink<String> sink = new CollectSink<>();
    JobClient job = start(KafkaSource.<String>builder().setTopicPattern(Pattern.compile("disc-pat-.*")), sink);
    try {
      Await.until("the record of the first topic", TIMEOUT, () -> sink.values().contains("x"));
      kafka.broker().createTopic("disc-other", 1);
      kafka.broker().produce("disc-other", 0, null, "z");
      kafka.broker().createTopic("disc-pat-2", 2);
      kafka.broker().produce("disc-pat-2", 1, null, "y");

      Await.until("the record of the new topic", TIMEOUT, () -> sink.values().contains("y"), sink::values);
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    assertThat(sink.values()).containsExactly("x", "y");
  }
}
