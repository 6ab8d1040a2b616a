package io.nagare.api.security;

import io.nagare.api.configuration.Configuration;

/**
 * Obtains a delegation token of a service other than a Hadoop file system (Kafka, say) for a
 * nagare application, found with {@link java.util.ServiceLoader} on the classpath of the YARN
 * client and ApplicationMaster. The client obtains the first token while logged in as the user;
 * the token travels with the application's credentials under {@link ReceivedTokens#alias}; the
 * ApplicationMaster obtains fresh ones on the same schedule as the file systems' tokens and pushes
 * them to the task managers, where the service's connectors find the latest in {@link
 * ReceivedTokens}. Implementations keep the service's own types out of this interface: a token is
 * bytes in a format of the provider's choosing.
 *
 * <pre>{@code
 * // META-INF/services/io.nagare.api.security.DelegationTokenProvider
 * io.nagare.connectors.kafka.security.KafkaDelegationTokenProvider
 * }</pre>
 */
public interface DelegationTokenProvider {
  /** A token and when it expires (epoch millis; Long.MAX_VALUE: never). */
  record Token(byte[] bytes, long expiresAt) {
    public Token {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "Token[" + bytes.length + " bytes, expires at " + expiresAt + "]";
    }
  }

  /** The service's name, unique among providers ({@code kafka}); names its token in {@link ReceivedTokens}. */
  String service();

  /** Whether {@code conf} asks for tokens of this service. */
  boolean enabled(Configuration conf);

  /**
   * Obtains a token as the current login.
   *
   * @throws Exception with a message naming the service, its address and the reason
   */
  Token obtain(Configuration conf) throws Exception;
}
