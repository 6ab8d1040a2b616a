package io.nagare.connectors.kafka.source.reader;

import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.source.InputStatus;
import io.nagare.connectors.kafka.source.Await;
import io.nagare.connectors.kafka.source.IntegerSchema;
import io.nagare.connectors.kafka.source.KafkaSource;
import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.MalformedRecordPolicy;
import io.nagare.connectors.kafka.source.TestProducer;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.connectors.kafka.testing.TestingMetricGroup;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader on its own, driven like a subtask drives it, against a real broker. */
class KafkaSourceReaderTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static TestProducer producer;

  @BeforeAll
  static void startProducer() {
    producer = new TestProducer(kafka.bootstrapServers());
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  private static <T> KafkaSourceReader<T> reader(KafkaSource<T> source, TestingReaderContext context) {
    KafkaSourceReader<T> reader = (KafkaSourceReader<T>) source.createReader(context);
    reader.start();
    return reader;
  }

  /** Polls like a subtask until {@code done} holds, waiting on the availability future in between. */
  private static <T> InputStatus pollUntil(KafkaSourceReader<T> reader, TestingReaderOutput<T> out,
      Predicate<TestingReaderOutput<T>> done) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      InputStatus status = reader.pollNext(out);
      if (done.test(out)) {
        return status;
      }
      if (status == InputStatus.END_OF_INPUT) {
        throw new AssertionError("The reader ended early; emitted " + out.emitted);
      }
      if (status == InputStatus.NOTHING_AVAILABLE) {
        reader.isAvailable().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    }
  }

  @Test
  void emitsRecordsWithTheirKafkaTimestampsPerSplitAndCommitsCompletedCheckpoints() throws Exception {
    kafka.broker().createTopic("reader-basic", 2);
    producer.send("reader-basic", 0, 1000L, null, "a").send("reader-basic", 0, 2000L, "k", "b")
        .send("reader-basic", 1, 3000L, null, "c").flush();
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics("reader-basic").setGroupId("reader-basic-group").setValueOnlyDeserializer(new SimpleStringSchema())
        .build();
    TestingReaderContext context = new TestingReaderContext(0, 1);
    TestingReaderOutput<String> out = new TestingReaderOutput<>();
    TopicPartition p0 = new TopicPartition("reader-basic", 0);
    TopicPartition p1 = new TopicPartition("reader-basic", 1);

    try (KafkaSourceReader<String> reader = reader(source, context)) {
      reader.addSplits(List.of(new KafkaPartitionSplit(p0, 0), new KafkaPartitionSplit(p1, 0)));
      pollUntil(reader, out, o -> o.emitted.size() == 3);

      assertThat(out.created).containsExactly("reader-basic-0", "reader-basic-1");
      assertThat(out.emitted.stream().filter(e -> e.split().equals("reader-basic-0")).collect(Collectors.toList()))
          .containsExactly(new TestingReaderOutput.Emitted<>("reader-basic-0", "a", 1000L),
              new TestingReaderOutput.Emitted<>("reader-basic-0", "b", 2000L));
      assertThat(out.emitted).contains(new TestingReaderOutput.Emitted<>("reader-basic-1", "c", 3000L));
      assertThat(out.idleMarks).isZero();
      TestingMetricGroup metrics = context.metrics;
      assertThat(metrics.value("KafkaSourceReader.recordsConsumed")).isEqualTo(3L);
      assertThat(metrics.value("KafkaSourceReader.bytesConsumed")).isEqualTo(4L);
      assertThat(metrics.value("KafkaSourceReader.topic.reader-basic.partition.0.currentOffset")).isEqualTo(2L);
      assertThat(metrics.value("KafkaSourceReader.topic.reader-basic.partition.1.currentOffset")).isEqualTo(1L);
      Await.until("lag 0 on both partitions", TIMEOUT,
          () -> metrics.value("KafkaSourceReader.topic.reader-basic.partition.0.lag").equals(0L)
              && metrics.value("KafkaSourceReader.topic.reader-basic.partition.1.lag").equals(0L));

      assertThat(reader.snapshotState(4)).containsExactly(new KafkaPartitionSplit(p0, 2),
          new KafkaPartitionSplit(p1, 1));
      reader.notifyCheckpointComplete(4);

      Await.until("the offsets of checkpoint 4 committed", TIMEOUT,
          () -> committed("reader-basic-group").equals(Map.of(p0, 2L, p1, 1L)), () -> committed("reader-basic-group"));
      Await.until("the committed offsets in the metrics", TIMEOUT,
          () -> metrics.value("KafkaSourceReader.commitsSucceeded").equals(1L));
      assertThat(metrics.value("KafkaSourceReader.topic.reader-basic.partition.0.committedOffset")).isEqualTo(2L);
      assertThat(metrics.value("KafkaSourceReader.topic.reader-basic.partition.1.committedOffset")).isEqualTo(1L);
      assertThat(metrics.value("KafkaSourceReader.commitsFailed")).isEqualTo(0L);
    }
  }

  @Test
  void snapshotPositionsFollowWhatWasEmittedNotWhatWasFetched() throws Exception {
    kafka.broker().createTopic("reader-positions", 1);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      values.add("v" + i);
    }
    producer.sendAll("reader-positions", 0, values).flush();
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics("reader-positions").setProperty("max.poll.records", "1500")
        .setValueOnlyDeserializer(new SimpleStringSchema()).build();
    TestingReaderOutput<String> out = new TestingReaderOutput<>();
    TopicPartition tp = new TopicPartition("reader-positions", 0);

    try (KafkaSourceReader<String> reader = reader(source, new TestingReaderContext(0, 1))) {
      reader.addSplits(List.of(new KafkaPartitionSplit(tp, 0)));
      InputStatus status = pollUntil(reader, out, o -> !o.emitted.isEmpty());

      assertThat(status).isEqualTo(InputStatus.MORE_AVAILABLE);
      assertThat(out.values()).isEqualTo(values.subList(0, KafkaSourceReader.RECORDS_PER_POLL));
      assertThat(reader.snapshotState(1)).containsExactly(new KafkaPartitionSplit(tp, KafkaSourceReader.RECORDS_PER_POLL));

      pollUntil(reader, out, o -> o.emitted.size() == 1500);
      assertThat(out.values()).isEqualTo(values);
      assertThat(reader.snapshotState(2)).containsExactly(new KafkaPartitionSplit(tp, 1500));
    }
  }

  @Test
  void skipsMalformedRecordsAndCountsThem() throws Exception {
    kafka.broker().createTopic("reader-skip", 1);
    producer.sendAll("reader-skip", 0, List.of("1", "x", "3")).flush();
    KafkaSource<Integer> source = KafkaSource.<Integer>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics("reader-skip").setValueOnlyDeserializer(new IntegerSchema())
        .setMalformedRecordPolicy(MalformedRecordPolicy.skip()).build();
    TestingReaderContext context = new TestingReaderContext(0, 1);
    TestingReaderOutput<Integer> out = new TestingReaderOutput<>();
    TopicPartition tp = new TopicPartition("reader-skip", 0);

    try (KafkaSourceReader<Integer> reader = reader(source, context)) {
      reader.addSplits(List.of(new KafkaPartitionSplit(tp, 0)));
      pollUntil(reader, out, o -> o.emitted.size() == 2);

      assertThat(out.values()).containsExactly(1, 3);
      assertThat(context.metrics.value("KafkaSourceReader.recordsSkipped")).isEqualTo(1L);
      assertThat(context.metrics.value("KafkaSourceReader.recordsConsumed")).isEqualTo(3L);
      assertThat(reader.snapshotState(1)).containsExactly(new KafkaPartitionSplit(tp, 3));
    }
  }

  @Test
  void aBoundedSplitEndsAtItsStoppingOffsetAndReleasesItsOutput() throws Exception {
    kafka.broker().createTopic("reader-bounded", 2);
    producer.sendAll("reader-bounded", 0, List.of("a", "b", "c")).flush();
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics("reader-bounded").setValueOnlyDeserializer(new SimpleStringSchema()).build();
    TestingReaderOutput<String> out = new TestingReaderOutput<>();

    try (KafkaSourceReader<String> reader = reader(source, new TestingReaderContext(0, 1))) {
      reader.addSplits(List.of(new KafkaPartitionSplit(new TopicPartition("reader-bounded", 0), 0, 2),
          new KafkaPartitionSplit(new TopicPartition("reader-bounded", 1), 0, 0)));
      reader.notifyNoMoreSplits();
      InputStatus status = pollUntil(reader, out, o -> o.released.size() == 1);

      assertThat(status).isEqualTo(InputStatus.END_OF_INPUT);
      assertThat(out.values()).containsExactly("a", "b");
      assertThat(out.created).containsExactly("reader-bounded-0");
      assertThat(out.released).containsExactly("reader-bounded-0");
      assertThat(reader.snapshotState(1)).isEmpty();
    }
  }

  @Test
  void aReaderWithoutPartitionsMarksItselfIdleOnceAndEndsWhenToldNoMore() throws Exception {
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics("reader-none").setValueOnlyDeserializer(new SimpleStringSchema()).build();
    TestingReaderOutput<String> out = new TestingReaderOutput<>();

    try (KafkaSourceReader<String> reader = reader(source, new TestingReaderContext(1, 2))) {
      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
      assertThat(out.idleMarks).isEqualTo(1);
      assertThat(reader.isAvailable()).isNotDone();

      reader.notifyNoMoreSplits();
      assertThat(reader.isAvailable()).isDone();
      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    }
  }

  @Test
  void failsNamingTheBootstrapServersWhenItsPartitionCannotBeReachedInTime() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String servers = "127.0.0.1:" + port;
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(servers).setTopics("gone")
        .setProperty("default.api.timeout.ms", "1500").setValueOnlyDeserializer(new SimpleStringSchema()).build();
    TestingReaderOutput<String> out = new TestingReaderOutput<>();

    long start = System.nanoTime();
    try (KafkaSourceReader<String> reader = reader(source, new TestingReaderContext(0, 1))) {
      reader.addSplits(List.of(new KafkaPartitionSplit(new TopicPartition("gone", 0), 5)));

      assertThatThrownBy(() -> pollUntil(reader, out, o -> false))
          .isInstanceOf(KafkaSourceException.class)
          .hasMessageStartingWith("Kafka source could not reach partitions [gone-0] on the cluster at bootstrap servers '"
              + servers + "' within 1500 ms (default.api.timeout.ms): the cluster is unreachable or the topic does not"
              + " exist: ");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  private static Map<TopicPartition, Long> committed(String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          kafka.broker().admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream().filter(e -> e.getValue() != null)
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
