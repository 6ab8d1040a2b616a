package io.nagare.connectors.kafka.source.enumerator.subscriber;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions a Kafka source reads: a list of topics, the topics matching a pattern, or a fixed
 * set of partitions. Asked by the split enumerator's worker thread at every partition discovery.
 *
 * <pre>{@code
 * KafkaSubscriber.topics(List.of("orders", "refunds")).getSubscribedTopicPartitions(admin);
 * }</pre>
 */
public interface KafkaSubscriber extends Serializable {
  /**
   * The partitions to read now. Blocks on {@code admin}.
   *
   * @throws Exception from the admin client; {@link MissingTopicException} if a named topic does not exist
   */
  Set<TopicPartition> getSubscribedTopicPartitions(Admin admin) throws Exception;

  /** Every partition of {@code topics}; a missing topic is an error. */
  static KafkaSubscriber topics(List<String> topics) {
    return new TopicListSubscriber(topics);
  }

  /** Every partition of every topic whose whole name matches {@code pattern}, internal topics excepted. */
  static KafkaSubscriber pattern(Pattern pattern) {
    return new TopicPatternSubscriber(pattern);
  }

  /** Exactly {@code partitions}; a missing one is an error. */
  static KafkaSubscriber partitions(Set<TopicPartition> partitions) {
    return new PartitionSetSubscriber(partitions);
  }
}
