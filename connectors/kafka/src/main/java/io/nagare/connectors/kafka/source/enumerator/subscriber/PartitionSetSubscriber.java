package io.nagare.connectors.kafka.source.enumerator.subscriber;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** {@link KafkaSubscriber#partitions}. */
final class PartitionSetSubscriber implements KafkaSubscriber {
  private static final long serialVersionUID = 1L;

  private final HashSet<TopicPartition> partitions;

  PartitionSetSubscriber(Set<TopicPartition> partitions) {
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalArgumentException("A Kafka source needs at least one partition");
    }
    this.partitions = new HashSet<>(partitions);
  }

  @Override
  public Set<TopicPartition> getSubscribedTopicPartitions(Admin admin) throws Exception {
    Set<String> topics = new HashSet<>();
    partitions.forEach(tp -> topics.add(tp.topic()));
    Set<TopicPartition> existing = Topics.partitionsOf(admin, topics, false);
    for (TopicPartition tp : partitions) {
      if (!existing.contains(tp)) {
        throw new MissingTopicException("partition " + tp.partition() + " of topic '" + tp.topic()
            + "' does not exist");
      }
    }
    return new HashSet<>(partitions);
  }

  @Override
  public String toString() {
    return "partitions " + partitions;
  }
}
