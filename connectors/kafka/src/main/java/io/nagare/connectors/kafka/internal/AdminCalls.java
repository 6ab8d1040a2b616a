package io.nagare.connectors.kafka.internal;

import io.nagare.connectors.kafka.security.KafkaTokenAuth;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;

/**
 * The admin requests a connector makes of its cluster, each bounded in time: a cluster that does
 * not answer within {@code max.block.ms} gives an {@link KafkaUnavailableException} naming the
 * bootstrap servers, the bound and what was being asked.
 *
 * <p>Wraps one {@link Admin} client; not thread-safe (one owner thread), closed by its owner.
 */
public final class AdminCalls implements AutoCloseable {
  private final Admin admin;
  private final String bootstrapServers;
  private final Duration timeout;

  private AdminCalls(Admin admin, String bootstrapServers, Duration timeout) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  /**
   * An admin client for the cluster of {@code clientProperties} (a producer's or consumer's
   * properties: only those an admin client knows are passed on), bounded by their {@code
   * max.block.ms}.
   */
  public static AdminCalls open(Properties clientProperties) {
    String servers = KafkaClientProperties.bootstrapServers(clientProperties);
    Duration timeout = KafkaClientProperties.maxBlock(clientProperties);
    Properties props = new Properties();
    for (String name : AdminClientConfig.configNames()) {
      Object value = clientProperties.get(name);
      if (value != null) {
        props.put(name, value);
      }
    }
    for (String key : clientProperties.stringPropertyNames()) {
      if (key.startsWith("ssl.") || key.startsWith("sasl.")) {
        props.put(key, clientProperties.getProperty(key));
      }
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "nagare-kafka-admin");
    KafkaTokenAuth.apply(props);
    return new AdminCalls(Admin.create(props), servers, timeout);
  }

  /** The bootstrap servers this client talks to. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** How long each call may wait. */
  public Duration timeout() {
    return timeout;
  }

  /** The values of {@code names} in the configuration of one broker of the cluster (null where a name is unknown). */
  public Map<String, String> brokerConfig(Collection<String> names) {
    String what = "reading the broker settings " + String.join(", ", names);
    Collection<Node> nodes = await(admin.describeCluster().nodes(), what);
    if (nodes.isEmpty()) {
      throw new KafkaUnavailableException("The Kafka cluster at " + bootstrapServers + " has no brokers");
    }
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
    Config config = await(admin.describeConfigs(List.of(broker)).all(), what).get(broker);
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String name : names) {
      ConfigEntry entry = config.get(name);
      values.put(name, entry == null ? null : entry.value());
    }
    return values;
  }

  /** Whether {@code topic} exists. */
  public boolean topicExists(String topic) {
    return await(admin.listTopics().names(), "listing the topics").contains(topic);
  }

  /** The finalized {@code transaction.version} of the cluster: 2 or more means transactions V2 (KIP-890). */
  public int transactionVersion() {
    FeatureMetadata features = await(admin.describeFeatures().featureMetadata(), "reading the cluster's features");
    FinalizedVersionRange range = features.finalizedFeatures().get("transaction.version");
    return range == null ? 0 : range.maxVersionLevel();
  }

  /** The transactional ids whose transaction is open (state Ongoing) on the cluster. */
  public List<String> openTransactions() {
    ListTransactionsOptions options = new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING));
    return await(admin.listTransactions(options).all(), "listing the open transactions").stream()
        .map(TransactionListing::transactionalId)
        .toList();
  }

  /** The coordinator's view of {@code transactionalId}, or null if the cluster does not know it (never used, or expired). */
  public TransactionDescription describeTransaction(String transactionalId) {
    try {
      return await(admin.describeTransactions(List.of(transactionalId)).description(transactionalId),
          "describing the transaction of " + transactionalId);
    } catch (KafkaRequestException e) {
      if (e.getCause() instanceof TransactionalIdNotFoundException) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Fences the producers of {@code transactionalIds}: their epochs are bumped and their open
   * transactions aborted, as a new producer's {@code initTransactions} would do.
   */
  public void fenceProducers(Collection<String> transactionalIds) {
    if (!transactionalIds.isEmpty()) {
      await(admin.fenceProducers(transactionalIds).all(), "aborting the open transactions of " + transactionalIds);
    }
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw unavailable(what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unavailable(what, cause);
      }
      throw new KafkaRequestException("Kafka at " + bootstrapServers + " refused " + what + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaRequestException("Interrupted while " + what, e);
    }
  }

  private KafkaUnavailableException unavailable(String what, Throwable cause) {
    return new KafkaUnavailableException("Kafka at " + bootstrapServers + " did not answer within "
        + timeout.toMillis() + " ms (max.block.ms) while " + what
        + ": check bootstrap.servers and that the brokers are up", cause);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  /** The cluster did not answer in time. */
  public static final class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message) {
      super(message);
    }

    public KafkaUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The cluster answered with an error. */
  public static final class KafkaRequestException extends RuntimeException {
    public KafkaRequestException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
