package io.nagare.examples.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Two small chores around the examples, for scripts (a plain Kafka client, not a job):
 *
 * <pre>
 * KafkaTool create &lt;bootstrap&gt; topic:partitions...   creates the topics that do not exist yet
 * KafkaTool tail &lt;bootstrap&gt; topic count seconds        prints the first count committed records
 *                                                   (read_committed), waiting up to seconds for them
 * </pre>
 */
public final class KafkaTool {
  private KafkaTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("create")) {
      create(args[1], List.of(args).subList(2, args.length));
    } else if (args.length == 5 && args[0].equals("tail")) {
      tail(args[1], args[2], Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[4])));
    } else {
      throw new IllegalArgumentException(
          "Usage: KafkaTool create <bootstrap> topic:partitions... | tail <bootstrap> topic count seconds");
    }
  }

  private static void create(String bootstrap, List<String> specs) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (String spec : specs) {
      String[] parts = spec.split(":");
      if (parts.length != 2) {
        throw new IllegalArgumentException("A topic is name:partitions, not '" + spec + "'");
      }
      topics.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1));
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"))) {
      for (var created : admin.createTopics(topics).values().entrySet()) {
        try {
          created.getValue().get();
          System.out.println("Created topic " + created.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          System.out.println("Topic " + created.getKey() + " exists");
        }
      }
    }
  }

  private static void tail(String bootstrap, String topic, int count, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long deadline = System.nanoTime() + timeout.toNanos();
    int printed = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(Set.copyOf(partitions));
      while (printed < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (printed < count) {
            System.out.println(r.value());
            printed++;
          }
        }
      }
    }
    if (printed < count) {
      throw new IllegalStateException("Only " + printed + " of " + count + " committed records arrived in " + topic
          + " within " + timeout.toSeconds() + " s");
    }
  }
}
