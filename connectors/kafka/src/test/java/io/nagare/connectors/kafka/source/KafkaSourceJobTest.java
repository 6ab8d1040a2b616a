package io.nagare.connectors.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.connectors.kafka.source.enumerator.AdminMetadataClient;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetResetStrategy;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.source.enumerator.subscriber.KafkaSubscriber;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.testing.CollectSink;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole jobs reading Kafka in the local runtime: contents, starting offsets, and the errors a user meets first. */
class KafkaSourceJobTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();

  private static final String STARTS = "job-starts";
  private static final TopicPartition STARTS_0 = new TopicPartition(STARTS, 0);
  private static final TopicPartition STARTS_1 = new TopicPartition(STARTS, 1);

  /** job-starts: partition 0 has a1..a5 at 1000..5000 ms, partition 1 b1..b3 at 1000..3000 ms; the group has offset 3 of partition 0. */
  @BeforeAll
  static void writeTheStartingOffsetsTopic() throws Exception {
    kafka.broker().createTopic(STARTS, 2);
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      for (int i = 1; i <= 5; i++) {
        producer.send(STARTS, 0, i * 1000L, null, "a" + i);
      }
      for (int i = 1; i <= 3; i++) {
        producer.send(STARTS, 1, i * 1000L, null, "b" + i);
      }
      producer.flush();
    }
    kafka.broker().admin().alterConsumerGroupOffsets("job-starts-group", Map.of(STARTS_0, new OffsetAndMetadata(3)))
        .all().get();
  }

  private static KafkaSourceBuilder<String> strings(String... topics) {
    return KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers()).setTopics(topics)
        .setValueOnlyDeserializer(new SimpleStringSchema());
  }

  @Test
  void readsThreePartitionsAtParallelismTwoToTheirEndAndFinishes() throws Exception {
    kafka.broker().createTopic("job-three", 3);
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      producer.sendAll("job-three", 0, List.of("a0", "a1", "a2", "a3", "a4"))
          .sendAll("job-three", 1, List.of("b0", "b1", "b2"))
          .sendAll("job-three", 2, List.of("c0", "c1", "c2", "c3")).flush();
    }
    KafkaSource<String> source = strings("job-three").setBounded(OffsetsInitializer.latest()).build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka").addSink(sink);

    env.execute("three partitions");

    List<String> out = sink.values();
    assertThat(out).containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2", "c0", "c1", "c2", "c3");
    assertThat(out.stream().filter(v -> v.startsWith("a"))).containsExactly("a0", "a1", "a2", "a3", "a4");
    assertThat(out.stream().filter(v -> v.startsWith("c"))).containsExactly("c0", "c1", "c2", "c3");
  }

  static Stream<Arguments> startingOffsets() {
    return Stream.of(
        Arguments.of("earliest", OffsetsInitializer.earliest(), List.of("a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3")),
        Arguments.of("latest", OffsetsInitializer.latest(), List.of()),
        Arguments.of("committed, else earliest", OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST),
            List.of("a4", "a5", "b1", "b2", "b3")),
        Arguments.of("committed, else latest", OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST),
            List.of("a4", "a5")),
        Arguments.of("timestamp 3000", OffsetsInitializer.timestamp(3000), List.of("a3", "a4", "a5", "b3")),
        Arguments.of("offsets, else earliest", OffsetsInitializer.offsets(Map.of(STARTS_0, 4L)),
            List.of("a5", "b1", "b2", "b3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("startingOffsets")
  void startsWhereTheStartingOffsetsSay(String name, OffsetsInitializer starting, List<String> expected)
      throws Exception {
    KafkaSource<String> source = strings(STARTS).setGroupId("job-starts-group").setStartingOffsets(starting)
        .setBounded(OffsetsInitializer.latest()).build();

    List<String> out = Jobs.runBounded(source, 2);

    assertThat(out.stream().sorted().collect(Collectors.toList())).isEqualTo(expected);
  }

  @Test
  void initializersResolveExactOffsetsOnTheCluster() throws Exception {
    kafka.broker().createTopic("job-offsets", 1);
    TopicPartition tp = new TopicPartition("job-offsets", 0);
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      producer.send("job-offsets", 0, 1000L, null, "x").send("job-offsets", 0, 2000L, null, "y")
          .send("job-offsets", 0, 3000L, null, "z").flush();
    }
    kafka.broker().admin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(1))).all().get();
    Properties admin = new Properties();
    admin.put("bootstrap.servers", kafka.bootstrapServers());
    admin.put("default.api.timeout.ms", "20000");

    try (AdminMetadataClient cluster = new AdminMetadataClient(admin, KafkaSubscriber.topics(List.of("job-offsets")),
        "job-offsets-group", IsolationLevel.READ_UNCOMMITTED)) {
      OffsetsInitializer.PartitionOffsetsRetriever retriever = cluster.offsetsRetriever();
      List<TopicPartition> partitions = List.copyOf(cluster.subscribedPartitions());

      assertThat(partitions).containsExactly(tp);
      assertThat(OffsetsInitializer.earliest().getPartitionOffsets(partitions, retriever)).isEqualTo(Map.of(tp, 1L));
      assertThat(OffsetsInitializer.latest().getPartitionOffsets(partitions, retriever)).isEqualTo(Map.of(tp, 3L));
      assertThat(OffsetsInitializer.timestamp(1500).getPartitionOffsets(partitions, retriever))
          .isEqualTo(Map.of(tp, 1L));
      assertThat(OffsetsInitializer.timestamp(9000).getPartitionOffsets(partitions, retriever))
          .isEqualTo(Map.of(tp, 3L));
      assertThat(OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST).getPartitionOffsets(partitions,
          retriever)).isEqualTo(Map.of(tp, 3L));
      assertThat(OffsetsInitializer.offsets(Map.of(tp, 2L)).getPartitionOffsets(partitions, retriever))
          .isEqualTo(Map.of(tp, 2L));
    }
  }

  @Test
  void committedOffsetsWithoutFallbackFailNamingThePartitionWithoutOne() {
    KafkaSource<String> source = strings(STARTS).setGroupId("job-starts-group")
        .setStartingOffsets(OffsetsInitializer.committedOffsets()).setBounded(OffsetsInitializer.latest()).build();

    KafkaSourceException failure = Jobs.kafkaFailure(catchThrowable(() -> Jobs.runBounded(source, 1)));

    assertThat(failure).hasMessage("Kafka source (topics [job-starts] at bootstrap servers '" + kafka.bootstrapServers()
        + "'): the starting offsets (committed offsets (else none)) could not be resolved: Partition job-starts-1 has no"
        + " committed offset in the consumer group and the offset reset strategy is NONE");
  }

  @Test
  void aMissingTopicFailsTheJobNamingTopicAndBootstrapServers() {
    KafkaSource<String> source = strings("job-no-such-topic").setBounded(OffsetsInitializer.latest()).build();

    KafkaSourceException failure = Jobs.kafkaFailure(catchThrowable(() -> Jobs.runBounded(source, 1)));

    assertThat(failure).hasMessage("Kafka source: topic 'job-no-such-topic' does not exist on the cluster at bootstrap"
        + " servers '" + kafka.bootstrapServers() + "'");
  }

  @Test
  void anUnreachableClusterFailsTheJobWithinTheApiTimeoutNamingTheBootstrapServers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String servers = "127.0.0.1:" + port;
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(servers).setTopics("orders")
        .setProperty("default.api.timeout.ms", "2000").setValueOnlyDeserializer(new SimpleStringSchema()).build();

    long start = System.nanoTime();
    KafkaSourceException failure = Jobs.kafkaFailure(catchThrowable(() -> Jobs.runBounded(source, 1)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(failure).hasMessageStartingWith("Kafka source could not reach the Kafka cluster at bootstrap servers '"
        + servers + "' within 2000 ms (default.api.timeout.ms) while listing the partitions of topics [orders]: ");
    assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
  }
}
