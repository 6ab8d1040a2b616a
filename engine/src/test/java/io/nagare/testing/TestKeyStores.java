package io.nagare.testing;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SecurityOptions;
import io.nagare.security.tls.SelfSignedKeyStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Keystores written by {@link SelfSignedKeyStore} for tests, and the settings that use them. */
public final class TestKeyStores {
  private TestKeyStores() {}

  /** A new key pair and certificate for localhost in {@code dir/name.p12}, as internal TLS settings. */
  public static Configuration internal(Path dir, String name) throws IOException {
    String password = SelfSignedKeyStore.randomPassword();
    Path file = dir.resolve(name + ".p12");
    SelfSignedKeyStore.write(file, password, "nagare test " + name, List.of("localhost", "127.0.0.1"));
    return new Configuration().set(SecurityOptions.SSL_INTERNAL_ENABLED, true)
        .set(SecurityOptions.SSL_INTERNAL_KEYSTORE, file.toString())
        .set(SecurityOptions.SSL_INTERNAL_KEYSTORE_PASSWORD, password)
        .set(SecurityOptions.SSL_INTERNAL_TRUSTSTORE, file.toString())
        .set(SecurityOptions.SSL_INTERNAL_TRUSTSTORE_PASSWORD, password);
  }

  /** A new key pair and certificate for localhost in {@code dir/name.p12}, as REST TLS settings (server and client). */
  public static Configuration rest(Path dir, String name) throws IOException {
    String password = SelfSignedKeyStore.randomPassword();
    Path file = dir.resolve(name + ".p12");
    SelfSignedKeyStore.write(file, password, "nagare test " + name, List.of("localhost", "127.0.0.1"));
    return new Configuration().set(SecurityOptions.SSL_REST_ENABLED, true)
        .set(SecurityOptions.SSL_REST_KEYSTORE, file.toString())
        .set(SecurityOptions.SSL_REST_KEYSTORE_PASSWORD, password)
        .set(SecurityOptions.SSL_REST_TRUSTSTORE, file.toString())
        .set(SecurityOptions.SSL_REST_TRUSTSTORE_PASSWORD, password);
  }
}
