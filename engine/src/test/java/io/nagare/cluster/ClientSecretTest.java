package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.SecretFiles;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a client finds the cluster secret it presents: an application's credentials file, then the secret file. */
class ClientSecretTest {
  @TempDir
  Path dir;

  @Test
  void theCredentialsFileWinsOverTheSecretFile() throws Exception {
    ClusterSecret standalone = ClusterSecret.generate();
    ClusterSecret application = ClusterSecret.generate();
    Credentials credentials = new Credentials();
    credentials.addSecretKey(new Text(ClusterEntrypoint.SECRET_CREDENTIALS_ALIAS),
        application.encoded().getBytes(StandardCharsets.US_ASCII));
    Path file = dir.resolve("app.credentials");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      credentials.writeTokenStorageToStream(out);
    }
    Configuration conf = new Configuration().set(ClusterOptions.SECRET_FILE, SecretFiles.write(standalone, dir).toString());
    assertThat(ClientSecret.of(conf).encoded()).isEqualTo(standalone.encoded());
    conf.set(ClusterOptions.SECRET_CREDENTIALS, file.toUri().toString());
    assertThat(ClientSecret.of(conf).encoded()).isEqualTo(application.encoded());
  }

  @Test
  void aClientNamingNoSecretHasNone() {
    assertThat(ClientSecret.of(new Configuration())).isNull();
  }

  @Test
  void anUnreadableSecretIsNamedWithItsSetting() throws Exception {
    Path missing = dir.resolve("nothing");
    assertThatThrownBy(() -> ClientSecret.of(new Configuration().set(ClusterOptions.SECRET_FILE, missing.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read the cluster secret from " + missing + " (cluster.secret-file): " + missing);
    Path empty = dir.resolve("empty.credentials");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(empty))) {
      new Credentials().writeTokenStorageToStream(out);
    }
    assertThatThrownBy(() -> ClientSecret.of(new Configuration().set(ClusterOptions.SECRET_CREDENTIALS,
        empty.toString()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The credentials file " + empty + " (cluster.secret-credentials) holds no cluster secret");
  }
}
