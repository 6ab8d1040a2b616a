package io.nagare.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SecurityOptions;
import io.nagare.testing.TestKeyStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad TLS setting is refused with a message naming it; good ones give contexts. */
class TlsContextsTest {
  @TempDir
  Path dir;

  @Test
  void disabledTlsGivesNoContexts() {
    Configuration conf = new Configuration();
    assertThat(TlsContexts.internalServer(conf)).isNull();
    assertThat(TlsContexts.internalClient(conf)).isNull();
    assertThat(TlsContexts.restServer(conf)).isNull();
    assertThat(TlsContexts.restClient(conf)).isNull();
    assertThat(TlsContexts.restScheme(conf)).isEqualTo("http");
  }

  @Test
  void aGeneratedKeyStoreGivesServerAndClientContexts() throws Exception {
    Configuration conf = TestKeyStores.internal(dir, "a").addAll(TestKeyStores.rest(dir, "r"));
    assertThat(TlsContexts.internalServer(conf).isServer()).isTrue();
    assertThat(TlsContexts.internalClient(conf).isClient()).isTrue();
    assertThat(TlsContexts.restServer(conf).isServer()).isTrue();
    assertThat(TlsContexts.restClient(conf).getProtocol()).isEqualTo("TLS");
    assertThat(TlsContexts.restScheme(conf)).isEqualTo("https");
    assertThat(TlsContexts.internalAutomatic(conf)).isFalse();
  }

  @Test
  void internalTlsWithoutAKeyStoreNamesTheMissingSetting() {
    Configuration conf = new Configuration().set(SecurityOptions.SSL_INTERNAL_ENABLED, true);
    assertThat(TlsContexts.internalAutomatic(conf)).isTrue();
    assertThatThrownBy(() -> TlsContexts.internalServer(conf)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'security.ssl.internal.enabled' is true but 'security.ssl.internal.keystore' is not set");
  }

  @Test
  void aMissingFileAndAWrongPasswordNameTheirSettings() throws Exception {
    Configuration conf = TestKeyStores.internal(dir, "a");
    Configuration missing = new Configuration(conf).set(SecurityOptions.SSL_INTERNAL_KEYSTORE, dir + "/none.p12");
    assertThatThrownBy(() -> TlsContexts.internalClient(missing)).hasMessage("Cannot read the keystore '" + dir
        + "/none.p12' named by 'security.ssl.internal.keystore'");
    Configuration wrong = new Configuration(conf).set(SecurityOptions.SSL_INTERNAL_KEYSTORE_PASSWORD, "wrong");
    assertThatThrownBy(() -> TlsContexts.internalClient(wrong)).hasMessageStartingWith("Cannot open the keystore '"
        + dir + "/a.p12' named by 'security.ssl.internal.keystore'")
        .hasMessageEndingWith("(is 'security.ssl.internal.keystore-password' right?)");
  }

  @Test
  void unknownProtocolsAndCipherSuitesAreRefused() throws Exception {
    Configuration conf = TestKeyStores.rest(dir, "r");
    Configuration protocol = new Configuration(conf).set(SecurityOptions.SSL_PROTOCOL, "TLSv9");
    assertThatThrownBy(() -> TlsContexts.restServer(protocol)).hasMessageStartingWith("Unknown TLS protocol 'TLSv9'"
        + " in 'security.ssl.protocol'; this JVM supports ");
    Configuration cipher = new Configuration(conf).set(SecurityOptions.SSL_ALGORITHMS, "TLS_AES_128_GCM_SHA256,NOPE");
    assertThatThrownBy(() -> TlsContexts.restServer(cipher)).hasMessage("Unknown cipher suite 'NOPE' in"
        + " 'security.ssl.algorithms'");
  }
}
