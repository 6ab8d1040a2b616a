package io.nagare.connectors.kafka.source.enumerator.subscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** {@link KafkaSubscriber#pattern}. */
final class TopicPatternSubscriber implements KafkaSubscriber {
  private static final long serialVersionUID = 1L;

  private final Pattern pattern;

  TopicPatternSubscriber(Pattern pattern) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
  }

  @Override
  public Set<TopicPartition> getSubscribedTopicPartitions(Admin admin) throws Exception {
    List<String> matching = new ArrayList<>();
    for (String topic : admin.listTopics().names().get()) {
      if (pattern.matcher(topic).matches()) {
        matching.add(topic);
      }
    }
    return Topics.partitionsOf(admin, matching, true);
  }

  @Override
  public String toString() {
    return "topics matching '" + pattern.pattern() + "'";
  }
}
