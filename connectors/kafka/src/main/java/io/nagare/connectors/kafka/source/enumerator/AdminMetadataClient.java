package io.nagare.connectors.kafka.source.enumerator;

import io.nagare.connectors.kafka.security.KafkaTokenAuth;
import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.source.enumerator.subscriber.KafkaSubscriber;
import io.nagare.connectors.kafka.source.enumerator.subscriber.MissingTopicException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * {@link KafkaMetadataClient} over Kafka's {@link Admin} client. Every call is bounded by the
 * admin client's {@code default.api.timeout.ms}; a time-out becomes an error naming the bootstrap
 * servers and the timeout, so an unreachable cluster fails the job instead of hanging it.
 */
public final class AdminMetadataClient implements KafkaMetadataClient {
  private final Admin admin;
  private final KafkaSubscriber subscriber;
  private final String groupId;
  private final IsolationLevel isolationLevel;
  private final String bootstrapServers;
  private final long apiTimeoutMillis;

  /**
   * @param adminProperties the admin client's configuration (bootstrap servers, security, timeouts); without a
   *     {@code request.timeout.ms}, requests time out within {@code default.api.timeout.ms}
   * @param groupId the consumer group for committed offsets, or null
   */
  public AdminMetadataClient(Properties adminProperties, KafkaSubscriber subscriber, String groupId,
      IsolationLevel isolationLevel) {
    this.subscriber = subscriber;
    this.groupId = groupId;
    this.isolationLevel = isolationLevel;
    this.bootstrapServers = adminProperties.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    this.apiTimeoutMillis = Long.parseLong(adminProperties.getProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        "60000").trim());
    Properties props = new Properties();
    props.putAll(adminProperties);
    if (!props.containsKey(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(30_000, apiTimeoutMillis)));
    }
    try {
      KafkaTokenAuth.apply(props);
      this.admin = Admin.create(props);
    } catch (KafkaException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new KafkaSourceException("Kafka source cannot create an admin client for bootstrap servers '"
          + bootstrapServers + "': " + root.getMessage(), e);
    }
  }

  @Override
  public Set<TopicPartition> subscribedPartitions() {
    try {
      return subscriber.getSubscribedTopicPartitions(admin);
    } catch (MissingTopicException e) {
      throw new KafkaSourceException("Kafka source: " + e.getMessage() + " on the cluster at bootstrap servers '"
          + bootstrapServers + "'", e);
    } catch (Exception e) {
      throw failure("listing the partitions of " + subscriber, e);
    }
  }

  @Override
  public OffsetsInitializer.PartitionOffsetsRetriever offsetsRetriever() {
    return new OffsetsInitializer.PartitionOffsetsRetriever() {
      @Override
      public Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> partitions) {
        if (groupId == null) {
          throw new KafkaSourceException("Kafka source: committed offsets need a consumer group: setGroupId(...)");
        }
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
          ListConsumerGroupOffsetsSpec spec = new ListConsumerGroupOffsetsSpec().topicPartitions(partitions);
          committed = admin.listConsumerGroupOffsets(Map.of(groupId, spec)).partitionsToOffsetAndMetadata(groupId).get();
        } catch (Exception e) {
          throw failure("reading the committed offsets of consumer group '" + groupId + "'", e);
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((tp, om) -> {
          if (om != null && partitions.contains(tp)) {
            offsets.put(tp, om.offset());
          }
        });
        return offsets;
      }

      @Override
      public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest(), "end offsets");
      }

      @Override
      public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest(), "beginning offsets");
      }

      @Override
      public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        timestamps.forEach((tp, t) -> specs.put(tp, OffsetSpec.forTimestamp(t)));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos = listOffsets(specs, "offsets for times");
        Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
        infos.forEach((tp, info) -> {
          if (info.offset() >= 0) {
            found.put(tp, new OffsetAndTimestamp(info.offset(), info.timestamp(), info.leaderEpoch()));
          }
        });
        return found;
      }
    };
  }

  private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec, String what) {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(tp -> specs.put(tp, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    listOffsets(specs, what).forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> listOffsets(
      Map<TopicPartition, OffsetSpec> specs, String what) {
    if (specs.isEmpty()) {
      return Map.of();
    }
    try {
      return admin.listOffsets(specs, new ListOffsetsOptions(isolationLevel)).all().get();
    } catch (Exception e) {
      throw failure("listing the " + what + " of partitions " + specs.keySet(), e);
    }
  }

  private KafkaSourceException failure(String doing, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof KafkaSourceException) {
      return (KafkaSourceException) cause;
    }
    if (cause instanceof TimeoutException) {
      return new KafkaSourceException("Kafka source could not reach the Kafka cluster at bootstrap servers '"
          + bootstrapServers + "' within " + apiTimeoutMillis + " ms (default.api.timeout.ms) while " + doing + ": "
          + cause.getMessage(), cause);
    }
    return new KafkaSourceException("Kafka source failed " + doing + " on the cluster at bootstrap servers '"
        + bootstrapServers + "': " + cause, cause);
  }

  @Override
  public void close() {
    admin.close(Duration.ZERO);
  }
}
