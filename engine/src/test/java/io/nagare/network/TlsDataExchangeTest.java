package io.nagare.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nagare.api.configuration.Configuration;
import io.nagare.security.tls.TlsContexts;
import io.nagare.testing.TestKeyStores;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data server with internal TLS: its cluster's clients connect, a stranger's certificate and plain text do not. */
class TlsDataExchangeTest {
  @TempDir
  static Path dir;
  private static final ClusterSecret SECRET = ClusterSecret.generate();
  private static Configuration cluster;
  private static DataServer server;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestKeyStores.internal(dir, "cluster");
    server = DataServer.start("127.0.0.1", "0", SECRET, TlsContexts.internalServer(cluster), id -> null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  @Test
  void aClientWithTheClustersKeyConnects() throws Exception {
    try (DataClient client = new DataClient(SECRET, TlsContexts.internalClient(cluster))) {
      assertThat(client.connection(address()).get(10, TimeUnit.SECONDS).channel().isActive()).isTrue();
    }
  }

  @Test
  void aClientWithAnotherCertificateIsRefusedNamingTls() throws Exception {
    Configuration stranger = TestKeyStores.internal(dir, "stranger");
    try (DataClient client = new DataClient(SECRET, TlsContexts.internalClient(stranger))) {
      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> client.connection(address()).get(10, TimeUnit.SECONDS));
      assertThat(refused.getCause()).hasMessageStartingWith("TLS handshake with /127.0.0.1:" + server.port()
          + " failed (is its certificate, or this process's, from another truststore?)");
    }
  }

  @Test
  void aPlainTextClientIsRefused() throws Exception {
    try (DataClient client = new DataClient(SECRET)) {
      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> client.connection(address()).get(10, TimeUnit.SECONDS));
      assertThat(refused.getCause()).hasMessage("/127.0.0.1:" + server.port()
          + " closed the connection during the handshake");
    }
  }
}
