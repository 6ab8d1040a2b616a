package io.nagare.yarn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.security.DelegationTokenProvider;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.Test;

/** Tokens of other services: providers found and enabled by the configuration, their tokens in the credentials. */
class ServiceTokensTest {
  /** Registered in this module's test resources; enabled by {@code testing.tokens: on}. */
  public static final class TestingProvider implements DelegationTokenProvider {
    @Override
    public String service() {
      return "testing";
    }

    @Override
    public boolean enabled(Configuration conf) {
      return "on".equals(conf.getString("testing.tokens"));
    }

    @Override
    public Token obtain(Configuration conf) {
      return new Token(new byte[] {7}, 5_000);
    }
  }

  private static DelegationTokenProvider fixed(String service, byte[] token, long expiresAt) {
    return new DelegationTokenProvider() {
      @Override
      public String service() {
        return service;
      }

      @Override
      public boolean enabled(Configuration conf) {
        return true;
      }

      @Override
      public Token obtain(Configuration conf) throws Exception {
        if (token == null) {
          throw new IllegalStateException("brokers localhost:9093 unreachable");
        }
        return new Token(token, expiresAt);
      }
    };
  }

  @Test
  void theConfigurationEnablesProvidersOfTheClasspath() {
    ClassLoader loader = ServiceTokensTest.class.getClassLoader();
    assertThat(ServiceTokens.enabled(new Configuration(), loader)).isEmpty();
    assertThat(ServiceTokens.enabled(new Configuration().setString("testing.tokens", "on"), loader))
        .extracting(DelegationTokenProvider::service).containsExactly("testing");
  }

  @Test
  void eachTokenGoesIntoTheCredentialsUnderItsServicesAliasAndTheEarliestExpiryIsReturned() {
    Credentials credentials = new Credentials();
    long earliest = ServiceTokens.obtain(List.of(fixed("kafka", new byte[] {1}, 9_000), fixed("other",
        new byte[] {2, 3}, 4_000)), new Configuration(), credentials);
    assertThat(earliest).isEqualTo(4_000);
    assertThat(credentials.getSecretKey(new Text("nagare.token.kafka"))).containsExactly(1);
    assertThat(credentials.getSecretKey(new Text("nagare.token.other"))).containsExactly(2, 3);
    assertThat(ServiceTokens.obtain(List.of(), new Configuration(), new Credentials())).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aFailingProviderIsNamed() {
    assertThatThrownBy(() -> ServiceTokens.obtain(List.of(fixed("kafka", null, 0)), new Configuration(),
        new Credentials())).isInstanceOf(ServiceTokens.ServiceTokenException.class)
        .hasMessage("Cannot obtain a delegation token of kafka: brokers localhost:9093 unreachable");
  }
}
