package io.nagare.connectors.kafka.security;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.security.ReceivedTokens;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Makes the connector's Kafka clients authenticate with the application's Kafka delegation token:
 * a client whose properties ask for SASL ({@code security.protocol} {@code SASL_PLAINTEXT} or
 * {@code SASL_SSL}) but name no login ({@code sasl.jaas.config}) gets the token's SCRAM settings,
 * if this process received one ({@link ReceivedTokens}); other clients are left as they are.
 * Clients take the token current when they are created. In the client, before submission, checks
 * use the login that obtains the token instead ({@link #forSubmissionCheck}). Stateless.
 */
public final class KafkaTokenAuth {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaTokenAuth.class);
  private KafkaTokenAuth() {}

  /** Adds the received token's login to {@code clientProperties} where it applies (see the class). */
  public static void apply(Map<Object, Object> clientProperties) {
    if (!wantsToken(clientProperties)) {
      return;
    }
    Optional<byte[]> token = ReceivedTokens.get(KafkaDelegationTokenProvider.SERVICE);
    if (token.isPresent()) {
      KafkaDelegationToken received = KafkaDelegationToken.decode(token.get());
      LOG.info("A Kafka client authenticates with the delegation token {}", received);
      clientProperties.putAll(received.clientProperties(
          clientProperties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG).toString()));
    }
  }

  /**
   * For a check in the client before submission, where no token was received yet: {@code
   * clientProperties} with the SASL settings of the login that obtains the application's token
   * ({@code security.kafka.login.sasl.*} of the job's configuration) if the client would use the
   * token, else {@code clientProperties} as they are.
   */
  public static Properties forSubmissionCheck(Properties clientProperties, Configuration jobConfiguration) {
    if (!wantsToken(clientProperties) || ReceivedTokens.get(KafkaDelegationTokenProvider.SERVICE).isPresent()
        || !new KafkaDelegationTokenProvider().enabled(jobConfiguration)) {
      return clientProperties;
    }
    Properties withLogin = new Properties();
    withLogin.putAll(clientProperties);
    KafkaDelegationTokenProvider.login(jobConfiguration).forEach((key, value) -> {
      if (key.startsWith("sasl.")) {
        withLogin.put(key, value);
      }
    });
    return withLogin;
  }

  private static boolean wantsToken(Map<Object, Object> clientProperties) {
    Object protocol = clientProperties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    return protocol != null && protocol.toString().startsWith("SASL_")
        && !clientProperties.containsKey(SaslConfigs.SASL_JAAS_CONFIG);
  }
}
