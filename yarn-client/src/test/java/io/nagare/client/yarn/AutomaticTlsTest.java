package io.nagare.client.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SecurityOptions;
import io.nagare.security.tls.TlsContexts;
import io.nagare.yarn.Containers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic internal TLS, staged on the local file system as on HDFS: what containers get and where the password goes. */
class AutomaticTlsTest {
  @TempDir
  Path dir;

  @Test
  void onlyInternalTlsWithoutAKeyStoreIsAutomatic() {
    assertThat(AutomaticTls.of(new Configuration())).isNull();
    assertThat(AutomaticTls.of(new Configuration().set(SecurityOptions.SSL_INTERNAL_ENABLED, true)
        .set(SecurityOptions.SSL_INTERNAL_KEYSTORE, "/etc/nagare/internal.p12"))).isNull();
    assertThat(AutomaticTls.of(new Configuration().set(SecurityOptions.SSL_INTERNAL_ENABLED, true))).isNotNull();
    assertThatThrownBy(() -> AutomaticTls.of(new Configuration().set(SecurityOptions.SSL_INTERNAL_ENABLED, true)
        .set(SecurityOptions.SSL_PROTOCOL, "SSLv2"))).hasMessageStartingWith("Unknown TLS protocol 'SSLv2' in"
        + " 'security.ssl.protocol'");
  }

  @Test
  void theKeyStoreIsAPrivateOwnerOnlyResourceAndItsPasswordIsOnlyInTheCredentials() throws Exception {
    AutomaticTls tls = AutomaticTls.of(new Configuration().set(SecurityOptions.SSL_INTERNAL_ENABLED, true));
    FileSystem fs = FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
    ApplicationId id = ApplicationId.newInstance(1, 1);
    tls.stage(fs, new org.apache.hadoop.fs.Path(dir.toUri()), id);

    Path keystore = dir.resolve(Containers.PRIVATE_DIR).resolve(Containers.INTERNAL_KEYSTORE_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore.getParent())))
        .isEqualTo("rwx------");
    Map<String, LocalResource> resources = Containers.privateResources(new org.apache.hadoop.conf.Configuration(),
        dir.toUri().toString());
    assertThat(resources).containsOnlyKeys(Containers.INTERNAL_KEYSTORE_FILE);
    assertThat(resources.get(Containers.INTERNAL_KEYSTORE_FILE).getVisibility())
        .isEqualTo(LocalResourceVisibility.PRIVATE);

    Map<String, String> settings = new TreeMap<>();
    tls.configure(settings);
    assertThat(settings).containsExactly(Map.entry("security.ssl.internal.keystore", "nagare-internal.p12"),
        Map.entry("security.ssl.internal.truststore", "nagare-internal.p12"));
    Credentials credentials = new Credentials();
    tls.addTo(credentials);
    String password = new String(credentials.getSecretKey(Containers.TLS_PASSWORD_ALIAS), StandardCharsets.UTF_8);
    assertThat(password).hasSize(64);
    Configuration container = new Configuration().set(SecurityOptions.SSL_INTERNAL_ENABLED, true)
        .set(SecurityOptions.SSL_INTERNAL_KEYSTORE, keystore.toString())
        .set(SecurityOptions.SSL_INTERNAL_KEYSTORE_PASSWORD, password);
    assertThat(TlsContexts.internalServer(container).isServer()).isTrue();
  }
}
