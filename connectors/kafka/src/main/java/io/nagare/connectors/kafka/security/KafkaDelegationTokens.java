package io.nagare.connectors.kafka.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateDelegationTokenOptions;
import org.apache.kafka.clients.admin.RenewDelegationTokenOptions;
import org.apache.kafka.common.security.token.delegation.DelegationToken;
import org.apache.kafka.common.security.token.delegation.TokenInformation;

/**
 * Obtains and renews Kafka delegation tokens with the Admin API, as a client logged in to Kafka
 * the ordinary way (Kerberos or SCRAM: {@code login} holds the bootstrap servers and the SASL
 * settings). Brokers issue tokens only to such a client, never to one authenticated by a token, and
 * only with {@code delegation.token.secret.key} set. A new token is returned once the broker
 * answering knows it (describes it), since brokers apply new tokens from the metadata log a moment
 * after the controller issued them, and refuse them until then. Stateless; each call opens and
 * closes an Admin client.
 */
public final class KafkaDelegationTokens {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** How often a new token is looked for among the brokers' tokens (no event tells when they know it). */
  private static final long KNOWN_POLL_MILLIS = 50;

  private KafkaDelegationTokens() {}

  /**
   * A new token owned by the logged-in principal, which alone may renew it, living as long as the
   * brokers allow ({@code delegation.token.max.lifetime.ms}).
   *
   * @throws KafkaTokenException naming the brokers and Kafka's reason if none is issued
   */
  public static KafkaDelegationToken obtain(Map<String, Object> login) {
    try (Admin admin = Admin.create(login)) {
      DelegationToken token = await(admin.createDelegationToken(new CreateDelegationTokenOptions()
          .renewers(List.of())).delegationToken(), "obtain a delegation token", login);
      TokenInformation info = token.tokenInfo();
      awaitKnown(admin, info.tokenId(), login);
      return new KafkaDelegationToken(info.tokenId(), token.hmac(), info.expiryTimestamp(), info.maxTimestamp());
    }
  }

  /**
   * Waits until the broker answering describes the token: the controller issues it, and brokers
   * accept it only once they have applied it from the metadata log, a moment later.
   */
  private static void awaitKnown(Admin admin, String tokenId, Map<String, Object> login) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (await(admin.describeDelegationToken().delegationTokens(), "describe the delegation tokens", login)
        .stream().noneMatch(t -> t.tokenInfo().tokenId().equals(tokenId))) {
      if (System.nanoTime() > deadline) {
        throw new KafkaTokenException("The Kafka brokers " + login.get("bootstrap.servers") + " issued the delegation"
            + " token " + tokenId + " but do not know it " + TIMEOUT.toSeconds() + " s later", null);
      }
      try {
        Thread.sleep(KNOWN_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaTokenException("Interrupted while waiting for the brokers to know the new token", e);
      }
    }
  }

  /**
   * Renews {@code token} as its owner and returns it with the new expiry (never past its maximum).
   *
   * @throws KafkaTokenException naming the brokers and Kafka's reason if it cannot be renewed
   */
  public static KafkaDelegationToken renew(Map<String, Object> login, KafkaDelegationToken token) {
    try (Admin admin = Admin.create(login)) {
      long expiry = await(admin.renewDelegationToken(token.hmac(), new RenewDelegationTokenOptions())
          .expiryTimestamp(), "renew the delegation token " + token.tokenId(), login);
      return new KafkaDelegationToken(token.tokenId(), token.hmac(), expiry, token.maxTimestamp());
    }
  }

  private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what, Map<String, Object> login) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaTokenException("Cannot " + what + " from the Kafka brokers " + login.get("bootstrap.servers")
          + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaTokenException("Cannot " + what + " from the Kafka brokers " + login.get("bootstrap.servers")
          + ": no answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaTokenException("Interrupted while trying to " + what, e);
    }
  }

  /** A delegation token could not be obtained or renewed; the message names the brokers and the reason. */
  public static final class KafkaTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KafkaTokenException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
