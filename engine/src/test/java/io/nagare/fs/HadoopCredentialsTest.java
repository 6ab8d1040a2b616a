package io.nagare.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.security.ReceivedTokens;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credentials as bytes, and the tokens of other services among their secret keys handed to {@link ReceivedTokens}. */
class HadoopCredentialsTest {
  @AfterEach
  void forgetTokens() {
    ReceivedTokens.clear();
  }

  @Test
  void serviceTokensAmongTheSecretKeysAreReceivedAndOthersAreNot() throws Exception {
    Credentials credentials = new Credentials();
    credentials.addSecretKey(new Text("nagare.cluster.secret"), "s".getBytes(StandardCharsets.US_ASCII));
    credentials.addSecretKey(new Text(ReceivedTokens.alias("kafka")), new byte[] {1, 2});
    credentials.addSecretKey(new Text(ReceivedTokens.ALIAS_PREFIX), new byte[] {9});

    assertThat(HadoopCredentials.publishServiceTokens(HadoopCredentials.deserialize(
        HadoopCredentials.serialize(credentials)))).isEqualTo(1);
    assertThat(ReceivedTokens.get("kafka")).hasValueSatisfying(t -> assertThat(t).containsExactly(1, 2));
    assertThat(ReceivedTokens.get("nagare.cluster.secret")).isEmpty();
    assertThat(ReceivedTokens.get("")).isEmpty();

    credentials.addSecretKey(new Text(ReceivedTokens.alias("kafka")), new byte[] {3});
    HadoopCredentials.publishServiceTokens(credentials);
    assertThat(ReceivedTokens.get("kafka")).hasValueSatisfying(t -> assertThat(t).containsExactly(3));
  }
}
