package io.nagare.client.yarn;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SecurityOptions;
import io.nagare.security.tls.SelfSignedKeyStore;
import io.nagare.security.tls.TlsContexts;
import io.nagare.yarn.Containers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * Automatic internal TLS on YARN ({@code security.ssl.internal.enabled: true} without {@code
 * security.ssl.internal.keystore}): the client generates a key pair and self-signed certificate for
 * the application, stages the keystore (also its truststore) under {@code
 * <staging>/private/}, readable by the application's user only, for containers to get as a
 * PRIVATE local resource, names it in the staged configuration, and puts its random password in
 * the ApplicationMaster's credentials (which hand it on to task managers), never on a command
 * line or in a file. Every process of the application then presents the same certificate and
 * trusts only it. Used by one deploying thread.
 */
final class AutomaticTls {
  private static final FsPermission OWNER_ONLY_DIR = new FsPermission((short) 0700);
  private static final FsPermission OWNER_ONLY_FILE = new FsPermission((short) 0600);
  private final String password = SelfSignedKeyStore.randomPassword();

  private AutomaticTls() {}

  /**
   * Automatic internal TLS if {@code conf} asks for it, else null.
   *
   * @throws IllegalArgumentException if TLS is on with a protocol or cipher suite this JVM does not know
   */
  static AutomaticTls of(Configuration conf) {
    if (conf.get(SecurityOptions.SSL_INTERNAL_ENABLED) || conf.get(SecurityOptions.SSL_REST_ENABLED)) {
      TlsContexts.checkProtocolsAndAlgorithms(conf);
    }
    return TlsContexts.internalAutomatic(conf) ? new AutomaticTls() : null;
  }

  /** Generates the application's keystore and stages it under {@code <staging>/private/}. */
  void stage(FileSystem fs, Path staging, ApplicationId id) throws IOException {
    java.nio.file.Path localDir = Files.createTempDirectory("nagare-tls");
    java.nio.file.Path local = localDir.resolve(Containers.INTERNAL_KEYSTORE_FILE);
    try {
      SelfSignedKeyStore.write(local, password, "nagare " + id, List.of());
      Path dir = new Path(staging, Containers.PRIVATE_DIR);
      fs.mkdirs(dir, OWNER_ONLY_DIR);
      fs.setPermission(dir, OWNER_ONLY_DIR);
      Path target = new Path(dir, Containers.INTERNAL_KEYSTORE_FILE);
      fs.copyFromLocalFile(new Path(local.toUri()), target);
      fs.setPermission(target, OWNER_ONLY_FILE);
    } finally {
      Files.deleteIfExists(local);
      Files.deleteIfExists(localDir);
    }
  }

  /** Names the keystore, as containers find it in their working directories, in the staged settings. */
  void configure(Map<String, String> settings) {
    settings.put(SecurityOptions.SSL_INTERNAL_KEYSTORE.key(), Containers.INTERNAL_KEYSTORE_FILE);
    settings.put(SecurityOptions.SSL_INTERNAL_TRUSTSTORE.key(), Containers.INTERNAL_KEYSTORE_FILE);
  }

  /** Puts the keystore's password into the ApplicationMaster's credentials. */
  void addTo(Credentials credentials) {
    credentials.addSecretKey(Containers.TLS_PASSWORD_ALIAS, password.getBytes(StandardCharsets.UTF_8));
  }
}
