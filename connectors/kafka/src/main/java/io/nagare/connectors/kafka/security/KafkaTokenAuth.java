package io.nagare.connectors.kafka.security;

import io.nagare.api.security.ReceivedTokens;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Makes the connector's Kafka clients authenticate with the application's Kafka delegation token:
 * a client whose properties ask for SASL ({@code security.protocol} {@code SASL_PLAINTEXT} or
 * {@code SASL_SSL}) but name no login ({@code sasl.jaas.config}) gets the token's SCRAM settings,
 * if this process received one ({@link ReceivedTokens}); other clients are left as they are.
 * Clients take the token current when they are created. Stateless.
 */
public final class KafkaTokenAuth {
  private KafkaTokenAuth() {}

  /** Adds the received token's login to {@code clientProperties} where it applies (see the class). */
  public static void apply(Map<Object, Object> clientProperties) {
    Object protocol = clientProperties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    if (protocol == null || !protocol.toString().startsWith("SASL_")
        || clientProperties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
      return;
    }
    Optional<byte[]> token = ReceivedTokens.get(KafkaDelegationTokenProvider.SERVICE);
    if (token.isPresent()) {
      clientProperties.putAll(KafkaDelegationToken.decode(token.get()).clientProperties(protocol.toString()));
    }
  }
}
