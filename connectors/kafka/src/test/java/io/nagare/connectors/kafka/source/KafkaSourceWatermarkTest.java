package io.nagare.connectors.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.testing.CollectSink;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Watermarks per partition, seen through event-time timers downstream: one timer per record at its
 * Kafka timestamp, reported as {@code "fired <timestamp>"} once the watermark passes it.
 */
class KafkaSourceWatermarkTest {
  @RegisterExtension static KafkaExtension kafka = new KafkaExtension();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** Registers a timer at each record's timestamp; reports each timer that fires. */
  static final class TimerPerRecord extends KeyedProcessFunction<Integer, String, String> {
    @Override
    public void processElement(String value, Context ctx, Collector<String> out) {
      ctx.timerService().registerEventTimeTimer(ctx.timestamp());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      out.collect("fired " + timestamp);
    }
  }

  private static JobClient start(String topic, int sourceParallelism, WatermarkStrategy<String> watermarks,
      CollectSink<String> sink) throws Exception {
    KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
        .setTopics(topic).setValueOnlyDeserializer(new SimpleStringSchema()).build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.getConfiguration().setString("pipeline.auto-watermark-interval", "50 ms");
    env.fromSource(source, watermarks, "kafka", Types.STRING).setParallelism(sourceParallelism)
        .keyBy(v -> 0, Types.INT).process(new TimerPerRecord(), Types.STRING).setParallelism(1)
        .addSink(sink).setParallelism(1);
    return env.executeAsync("watermarked kafka job");
  }

  /** Partition 0: records at 1000, 2000, ... 10000 ms; partition 1 (if any): one record at 1000 ms. */
  private static void produce(String topic, boolean second) throws Exception {
    try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
      for (long t = 1000; t <= 10_000; t += 1000) {
        producer.send(topic, 0, t, null, "p0@" + t);
      }
      if (second) {
        producer.send(topic, 1, 1000L, null, "p1@1000");
      }
      producer.flush();
    }
  }

  private static List<String> fired(long... timestamps) {
    return Arrays.stream(timestamps).mapToObj(t -> "fired " + t).collect(Collectors.toList());
  }

  @Test
  void aSlowPartitionHoldsTheWatermarkBack() throws Exception {
    kafka.broker().createTopic("wm-slow", 2);
    produce("wm-slow", true);
    CollectSink<String> sink = new CollectSink<>();
    JobClient job = start("wm-slow", 1, WatermarkStrategy.forMonotonousTimestamps(), sink);
    try {
      try (TestProducer producer = new TestProducer(kafka.bootstrapServers())) {
        producer.send("wm-slow", 1, 5000L, null, "p1@5000").flush();
      }
      Await.until("the timer at 4000 ms", TIMEOUT, () -> sink.values().contains("fired 4000"), sink::values);

      assertThat(sink.values()).containsExactlyElementsOf(fired(1000, 2000, 3000, 4000));
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void anIdlePartitionDoesNotHoldTheWatermarkBack() throws Exception {
    kafka.broker().createTopic("wm-idle", 2);
    produce("wm-idle", true);
    CollectSink<String> sink = new CollectSink<>();
    JobClient job = start("wm-idle", 1,
        WatermarkStrategy.<String>forMonotonousTimestamps().withIdleness(Duration.ofMillis(300)), sink);
    try {
      Await.until("the timer at 9000 ms", TIMEOUT, () -> sink.values().contains("fired 9000"), sink::values);

      assertThat(sink.values())
          .containsExactlyElementsOf(fired(1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000));
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void anIdlePartitionAloneOnItsSubtaskDoesNotHoldTheWatermarkBack() throws Exception {
    kafka.broker().createTopic("wm-idle-apart", 2);
    produce("wm-idle-apart", true);
    CollectSink<String> sink = new CollectSink<>();
    JobClient job = start("wm-idle-apart", 2,
        WatermarkStrategy.<String>forMonotonousTimestamps().withIdleness(Duration.ofMillis(300)), sink);
    try {
      Await.until("the timer at 9000 ms", TIMEOUT, () -> sink.values().contains("fired 9000"), sink::values);

      assertThat(sink.values())
          .containsExactlyElementsOf(fired(1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000));
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSubtaskWithoutPartitionsDoesNotHoldTheWatermarkBack() throws Exception {
    kafka.broker().createTopic("wm-alone", 1);
    produce("wm-alone", false);
    CollectSink<String> sink = new CollectSink<>();
    JobClient job = start("wm-alone", 2, WatermarkStrategy.forMonotonousTimestamps(), sink);
    try {
      Await.until("the timer at 9000 ms", TIMEOUT, () -> sink.values().contains("fired 9000"), sink::values);

      assertThat(sink.values())
          .containsExactlyElementsOf(fired(1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000));
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }
}
