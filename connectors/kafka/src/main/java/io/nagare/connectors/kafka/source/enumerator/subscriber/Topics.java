package io.nagare.connectors.kafka.source.enumerator.subscriber;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Describes topics for the subscribers. */
final class Topics {
  private Topics() {}

  /**
   * Every partition of {@code topics}. A missing topic is skipped if {@code skipMissing} (a topic a
   * pattern matched that was deleted since), else {@link MissingTopicException} names it.
   */
  static Set<TopicPartition> partitionsOf(Admin admin, Collection<String> topics, boolean skipMissing)
      throws Exception {
    Set<TopicPartition> partitions = new HashSet<>();
    if (topics.isEmpty()) {
      return partitions;
    }
    Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
    for (String topic : topics) {
      TopicDescription description;
      try {
        description = described.get(topic).get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          if (skipMissing) {
            continue;
          }
          throw new MissingTopicException("topic '" + topic + "' does not exist");
        }
        throw e;
      }
      for (TopicPartitionInfo p : description.partitions()) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    return partitions;
  }
}
