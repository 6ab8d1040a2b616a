package io.nagare.api.security;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest delegation token of each service ({@link DelegationTokenProvider#service()}) this
 * process received with its application's credentials: at start from its container's credentials,
 * then from each {@code tokens} message of the job manager. Connectors read it when they create a
 * client of the service. Thread-safe: written by the task manager's control thread, read by subtask
 * threads.
 */
public final class ReceivedTokens {
  /** The prefix of a service token's alias among an application's credentials (its secret keys). */
  public static final String ALIAS_PREFIX = "nagare.token.";

  private static final ConcurrentHashMap<String, byte[]> TOKENS = new ConcurrentHashMap<>();

  private ReceivedTokens() {}

  /** The alias under which {@code service}'s token travels in an application's credentials. */
  public static String alias(String service) {
    return ALIAS_PREFIX + service;
  }

  /** The service {@code alias} names, or empty if it is not a service token's alias. */
  public static Optional<String> service(String alias) {
    return alias.startsWith(ALIAS_PREFIX) && alias.length() > ALIAS_PREFIX.length()
        ? Optional.of(alias.substring(ALIAS_PREFIX.length())) : Optional.empty();
  }

  /** Replaces {@code service}'s token. */
  public static void put(String service, byte[] token) {
    TOKENS.put(service, token.clone());
  }

  /** {@code service}'s latest token, if one was received. */
  public static Optional<byte[]> get(String service) {
    byte[] token = TOKENS.get(service);
    return token == null ? Optional.empty() : Optional.of(token.clone());
  }

  /** Forgets every token (for tests that run several applications in one JVM). */
  public static void clear() {
    TOKENS.clear();
  }
}
