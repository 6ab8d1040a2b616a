package io.nagare.connectors.kafka.source.enumerator.subscriber;

import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** {@link KafkaSubscriber#topics}. */
final class TopicListSubscriber implements KafkaSubscriber {
  private static final long serialVersionUID = 1L;

  private final List<String> topics;

  TopicListSubscriber(List<String> topics) {
    if (topics == null || topics.isEmpty()) {
      throw new IllegalArgumentException("A Kafka source needs at least one topic");
    }
    for (String t : topics) {
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException("A Kafka source's topic names must not be empty: " + topics);
      }
    }
    this.topics = List.copyOf(topics);
  }

  @Override
  public Set<TopicPartition> getSubscribedTopicPartitions(Admin admin) throws Exception {
    return Topics.partitionsOf(admin, topics, false);
  }

  @Override
  public String toString() {
    return "topics " + topics;
  }
}
