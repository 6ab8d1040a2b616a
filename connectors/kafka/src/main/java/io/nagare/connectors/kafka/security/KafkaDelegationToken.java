package io.nagare.connectors.kafka.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A Kafka delegation token as a job's Kafka clients use it: its id and HMAC are a SCRAM user name
 * and password the broker accepts instead of the original login (Kerberos or SCRAM), until the
 * token expires ({@code expiryTimestamp}, pushed back by each renewal) and at the latest at its
 * maximum lifetime ({@code maxTimestamp}). Travels with an application's credentials in the form of
 * {@link #encode()}. Immutable; {@link #toString()} never shows the HMAC.
 *
 * <pre>{@code
 * KafkaDelegationToken token = KafkaDelegationTokens.obtain(login);
 * KafkaSource.<String>builder().setProperties(token.clientProperties("SASL_SSL"))...
 * }</pre>
 *
 * @param tokenId the token's id (the SCRAM user name)
 * @param hmac the token's HMAC (the SCRAM password, base64-encoded)
 * @param expiryTimestamp when the token expires unless renewed (epoch millis)
 * @param maxTimestamp when the token expires for good (epoch millis)
 */
public record KafkaDelegationToken(String tokenId, byte[] hmac, long expiryTimestamp, long maxTimestamp) {
  /** The SASL mechanism of token authentication; brokers enable it with {@code sasl.enabled.mechanisms}. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  public KafkaDelegationToken {
    hmac = hmac.clone();
  }

  @Override
  public byte[] hmac() {
    return hmac.clone();
  }

  /**
   * The settings that make a Kafka client authenticate with this token over {@code
   * securityProtocol} ({@code SASL_PLAINTEXT} or {@code SASL_SSL}).
   */
  public Map<String, String> clientProperties(String securityProtocol) {
    if (!securityProtocol.equals("SASL_PLAINTEXT") && !securityProtocol.equals("SASL_SSL")) {
      throw new IllegalArgumentException("Delegation tokens authenticate over SASL_PLAINTEXT or SASL_SSL, not "
          + securityProtocol + " (" + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + ")");
    }
    return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol,
        SaslConfigs.SASL_MECHANISM, MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"" + tokenId + "\" password=\"" + Base64.getEncoder().encodeToString(hmac)
            + "\" tokenauth=\"true\";");
  }

  /** The token as bytes for an application's credentials: id, HMAC, expiry and maximum, one a line. */
  public byte[] encode() {
    return (tokenId + "\n" + Base64.getEncoder().encodeToString(hmac) + "\n" + expiryTimestamp + "\n"
        + maxTimestamp + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The token {@link #encode()} wrote.
   *
   * @throws IllegalArgumentException if {@code bytes} are not an encoded token
   */
  public static KafkaDelegationToken decode(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (lines.length != 5 || !lines[4].isEmpty() || lines[0].isEmpty()) {
      throw new IllegalArgumentException("Not an encoded Kafka delegation token (" + bytes.length + " bytes)");
    }
    try {
      return new KafkaDelegationToken(lines[0], Base64.getDecoder().decode(lines[1]), Long.parseLong(lines[2]),
          Long.parseLong(lines[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not an encoded Kafka delegation token: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KafkaDelegationToken t && t.tokenId.equals(tokenId)
        && java.util.Arrays.equals(t.hmac, hmac) && t.expiryTimestamp == expiryTimestamp
        && t.maxTimestamp == maxTimestamp;
  }

  @Override
  public int hashCode() {
    return tokenId.hashCode();
  }

  @Override
  public String toString() {
    return "KafkaDelegationToken[" + tokenId + ", expires " + java.time.Instant.ofEpochMilli(expiryTimestamp)
        + ", at the latest " + java.time.Instant.ofEpochMilli(maxTimestamp) + "]";
  }
}
