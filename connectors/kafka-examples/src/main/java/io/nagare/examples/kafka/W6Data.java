package io.nagare.examples.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * W6's data, with kafka-clients alone (run with {@code java -cp} the examples jar): {@code W6Data
 * load <bootstrap> <n>} creates {@code w6-in} and {@code w6-out} (4 partitions each) and loads
 * {@code w6-in} with n 100-byte values (value i: i in decimal, zero-padded to 100 characters, no key,
 * partition i % 4); {@link #verify} reads {@code w6-out} with {@code read_committed}.
 */
public final class W6Data {
  static final String IN = "w6-in";
  static final String OUT = "w6-out";
  private static final int PARTITIONS = 4;
  private static final int LENGTH = 100;

  private W6Data() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !args[0].equals("load")) {
      throw new IllegalArgumentException("Usage: W6Data load <bootstrap-servers> <records>");
    }
    load(args[1], Long.parseLong(args[2]));
  }

  static String value(long i) {
    String digits = Long.toString(i);
    return "0".repeat(LENGTH - digits.length()) + digits;
  }

  static void load(String bootstrap, long n) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(IN, PARTITIONS, (short) 1), new NewTopic(OUT, PARTITIONS, (short) 1)))
          .all().get();
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (long i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(IN, (int) (i % PARTITIONS), null,
            value(i).getBytes(StandardCharsets.US_ASCII)));
      }
      producer.flush();
    }
  }

  /** Reads {@code w6-out} committed: {lost, duplicated, unexpected} against the n expected values. */
  static long[] verify(String bootstrap, long n) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    BitSet seen = new BitSet();
    long duplicated = 0;
    long unexpected = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(OUT).stream()
          .map(p -> new TopicPartition(OUT, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          String reversed = new StringBuilder(new String(r.value(), StandardCharsets.US_ASCII))
              .reverse().toString();
          long i;
          try {
            i = Long.parseLong(reversed);
          } catch (NumberFormatException e) {
            unexpected++;
            continue;
          }
          if (i < 0 || i >= n || !reversed.equals(value(i))) {
            unexpected++;
          } else if (seen.get((int) i)) {
            duplicated++;
          } else {
            seen.set((int) i);
          }
        }
      }
    }
    return new long[] {n - seen.cardinality(), duplicated, unexpected};
  }
}
