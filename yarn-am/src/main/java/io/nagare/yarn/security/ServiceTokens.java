package io.nagare.yarn.security;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.security.DelegationTokenProvider;
import io.nagare.api.security.ReceivedTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;

/**
 * Delegation tokens of services other than file systems ({@link DelegationTokenProvider}s on the
 * classpath, such as the Kafka connector's), for the client (the first tokens) and the
 * ApplicationMaster (fresh ones with each round of file system tokens): each enabled provider's
 * token goes into an application's credentials as a secret key under {@link
 * ReceivedTokens#alias}, where containers find it. Stateless.
 */
public final class ServiceTokens {
  private ServiceTokens() {}

  /** The providers on {@code loader}'s classpath that {@code conf} enables, in ServiceLoader order. */
  public static List<DelegationTokenProvider> enabled(Configuration conf, ClassLoader loader) {
    List<DelegationTokenProvider> enabled = new ArrayList<>();
    for (DelegationTokenProvider provider : ServiceLoader.load(DelegationTokenProvider.class, loader)) {
      if (provider.enabled(conf)) {
        enabled.add(provider);
      }
    }
    return enabled;
  }

  /**
   * Obtains a token of each of {@code providers} into {@code into}, each with its own class loader
   * as the thread's context class loader (where a client library such as Kafka's looks for its
   * login modules); returns the earliest expiry (epoch millis), Long.MAX_VALUE if there is none.
   *
   * @throws ServiceTokenException naming the service whose token could not be obtained, and why
   */
  public static long obtain(List<DelegationTokenProvider> providers, Configuration conf, Credentials into) {
    long earliest = Long.MAX_VALUE;
    for (DelegationTokenProvider provider : providers) {
      DelegationTokenProvider.Token token;
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(provider.getClass().getClassLoader());
      try {
        token = provider.obtain(conf);
      } catch (Exception e) {
        throw new ServiceTokenException("Cannot obtain a delegation token of " + provider.service() + ": "
            + e.getMessage(), e);
      } finally {
        thread.setContextClassLoader(previous);
      }
      into.addSecretKey(new Text(ReceivedTokens.alias(provider.service())), token.bytes());
      earliest = Math.min(earliest, token.expiresAt());
    }
    return earliest;
  }

  /** A provider failed to obtain its token; the message names the service. */
  public static final class ServiceTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServiceTokenException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
