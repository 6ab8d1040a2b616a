package io.nagare.connectors.kafka.internal;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Reading the Kafka client properties a connector was built with: copies (so a builder's
 * properties are never shared with a running client), required settings and bounded waits.
 */
public final class KafkaClientProperties {
  /** Kafka's own default of {@code max.block.ms}, the bound used when the properties do not set one. */
  public static final Duration DEFAULT_MAX_BLOCK = Duration.ofMillis(60_000);

  private KafkaClientProperties() {}

  /** A copy of {@code properties}, with string keys and values. */
  public static Properties copy(Properties properties) {
    Properties copy = new Properties();
    properties.forEach((k, v) -> copy.setProperty(k.toString(), v.toString()));
    return copy;
  }

  /** {@code bootstrap.servers}, or an exception naming the setting. */
  public static String bootstrapServers(Properties properties) {
    String servers = properties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException("No Kafka bootstrap servers: set " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }
    return servers;
  }

  /**
   * How long a connector waits for the cluster in one blocking call ({@code max.block.ms}, as a
   * producer does for metadata): admin requests made on the connector's behalf use the same bound.
   */
  public static Duration maxBlock(Properties properties) {
    String value = properties.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG);
    return value == null ? DEFAULT_MAX_BLOCK : Duration.ofMillis(Long.parseLong(value.trim()));
  }

  /** {@code key} as a long, or {@code defaultValue} when unset; a value that is no number fails naming the key. */
  public static long longValue(Properties properties, String key, long defaultValue) {
    String value = properties.getProperty(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The Kafka setting " + key + " must be a number of milliseconds, not '" + value + "'");
    }
  }
}
