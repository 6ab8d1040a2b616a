package io.nagare.examples.kafka;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.kafka.sink.DeliveryGuarantee;
import io.nagare.connectors.kafka.sink.KafkaRecordSerializationSchema;
import io.nagare.connectors.kafka.sink.KafkaSink;
import io.nagare.connectors.kafka.source.KafkaSource;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * W6 of ../shared/WORKLOADS.md, Kafka to Kafka exactly once, as {@code scripts/bench.sh W6} runs it
 * after {@link W6Data} loaded the input: {@code W6 <bootstrap> <n>} runs the job (parallelism 2, exactly-once
 * checkpoints every 2 s, bounded Kafka source → reverse → exactly-once Kafka sink), then reads
 * {@code w6-out} with {@code read_committed} and prints {@code W6 records=n seconds=s
 * records_per_s=r} only if it holds every expected value exactly once; otherwise it fails saying
 * how many were lost and duplicated.
 */
public final class W6 {
  private W6() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("Usage: W6 <bootstrap-servers> <records>");
    }
    run(args[0], Long.parseLong(args[1]));
  }

  private static void run(String bootstrap, long n) throws Exception {
    long start = System.nanoTime();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(2000);
    env.fromSource(KafkaSource.<String>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(W6Data.IN)
            .setGroupId("w6")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setValueOnlyDeserializer(new SimpleStringSchema())
            .build(), WatermarkStrategy.noWatermarks(), "w6-in")
        .map(v -> new StringBuilder(v).reverse().toString(), Types.STRING).name("reverse")
        .sinkTo(KafkaSink.<String>builder()
            .setBootstrapServers(bootstrap)
            .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                .setTopic(W6Data.OUT)
                .setValueSerializationSchema(new SimpleStringSchema())
                .build())
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix("w6")
            .setProperty("transaction.timeout.ms", "600000")
            .build()).name("w6-out");
    env.execute("W6");
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] counts = W6Data.verify(bootstrap, n);
    if (counts[0] != 0 || counts[1] != 0) {
      throw new IllegalStateException("W6: " + W6Data.OUT + " is wrong: lost=" + counts[0] + " duplicated=" + counts[1]
          + " unexpected=" + counts[2]);
    }
    System.out.printf("W6 records=%d seconds=%.2f records_per_s=%.0f%n", n, seconds, n / seconds);
  }
}
