package io.nagare.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.network.ClusterSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link RestServer} answers under each {@link RestAccess}, over real HTTP: changing routes
 * need the cluster secret (401, handler not called, without or with a wrong one), read routes are
 * open or need it by setting, and behind a YARN web proxy a GET from elsewhere without the secret is
 * redirected to the proxy while one with the secret is answered directly. Requests "from elsewhere"
 * come from 127.0.0.2, the proxy's host being 127.0.0.1.
 */
class RestServerAccessTest {
  private static final InetAddress PROXY_HOST = loopback(1);
  private static final InetAddress ELSEWHERE = loopback(2);
  private static final String PROXY_URL = "http://rm.example:8088/proxy/application_1700000000000_0001";
  private static final String MISSING = " changes the cluster and needs its secret: send the cluster secret as"
      + " 'Authorization: Bearer <secret>' (clients read it from the file cluster.secret-file names; on YARN from the"
      + " application's credentials)";

  private final ClusterSecret secret = ClusterSecret.generate();
  /** The bodies the handlers were called with, in order; the event loop adds, the test reads after each answer. */
  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
  private RestServer server;

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Answer(int status, Map<String, String> headers, String body) {}

  private void start(RestAccess access) throws Exception {
    RestServer.Handler record = request -> {
      handled.add(new String(request.body(), StandardCharsets.UTF_8));
      return CompletableFuture.completedFuture(Map.of("ok", true));
    };
    server = RestServer.start("127.0.0.1", "0", Map.of("GET /things", record, "POST /things", record), 1 << 20, access);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Sends one HTTP/1.1 request from {@code from}; {@code authorization} null sends no such header. */
  private Answer send(InetAddress from, String method, String uri, String authorization, String body) throws Exception {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port(), from, 0)) {
      byte[] content = body.getBytes(StandardCharsets.UTF_8);
      String request = method + " " + uri + " HTTP/1.1\r\nHost: jm\r\nConnection: close\r\nContent-Length: "
          + content.length + "\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(content);
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String[] lines = response.substring(0, end).split("\r\n");
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < lines.length; i++) {
        headers.put(lines[i].substring(0, lines[i].indexOf(':')), lines[i].substring(lines[i].indexOf(':') + 1).strip());
      }
      return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
    }
  }

  private String bearer() {
    return "Bearer " + secret.encoded();
  }

  @Test
  void aChangingRequestWithoutTheSecretIs401NamingWhatIsMissingAndNeverReachesItsHandler() throws Exception {
    start(RestAccess.withSecret(secret, false));
    Answer a = send(PROXY_HOST, "POST", "/things?x=1", null, "payload");
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"nagare\"")
        .containsEntry("Content-Type", "application/json; charset=UTF-8");
    assertThat(a.body()).isEqualTo("{\"errors\":[\"POST /things" + MISSING + "\"]}");
    assertThat(handled).isEmpty();
  }

  @Test
  void aWrongSecretIs401WithoutEchoingItAndNeverReachesTheHandler() throws Exception {
    start(RestAccess.withSecret(secret, false));
    String wrong = ClusterSecret.generate().encoded();
    for (String authorization : List.of("Bearer " + wrong, "Bearer", "Basic " + secret.encoded(), secret.encoded(),
        "Bearer " + secret.encoded() + "00")) {
      for (String method : List.of("POST", "GET")) {
        Answer a = send(PROXY_HOST, method, "/things", authorization, "payload");
        assertThat(a.status()).as("%s with '%s'", method, authorization).isEqualTo(401);
        assertThat(a.body()).isEqualTo("{\"errors\":[\"The Authorization header does not present this cluster's"
            + " secret; send the cluster secret as 'Authorization: Bearer <secret>' (clients read it from the file"
            + " cluster.secret-file names; on YARN from the application's credentials)\"]}");
      }
    }
    assertThat(handled).isEmpty();
  }

  @Test
  void theSecretInAnyCaseOpensChangingRoutes() throws Exception {
    start(RestAccess.withSecret(secret, false));
    assertThat(send(PROXY_HOST, "POST", "/things", bearer(), "first").status()).isEqualTo(200);
    assertThat(send(PROXY_HOST, "POST", "/things", "bearer  " + secret.encoded().toUpperCase(java.util.Locale.ROOT),
        "second").status()).isEqualTo(200);
    assertThat(handled).containsExactly("first", "second");
  }

  @Test
  void readRoutesAreOpenByDefault() throws Exception {
    start(RestAccess.withSecret(secret, false));
    Answer a = send(ELSEWHERE, "GET", "/things", null, "");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo("{\"ok\":true}");
    assertThat(handled).hasSize(1);
  }

  @Test
  void readRoutesNeedTheSecretWhenSetTo() throws Exception {
    start(RestAccess.withSecret(secret, true));
    Answer without = send(PROXY_HOST, "GET", "/things", null, "");
    assertThat(without.status()).isEqualTo(401);
    assertThat(without.body()).isEqualTo("{\"errors\":[\"This cluster answers reads only with its secret"
        + " (rest.authentication.read-only-routes: secret): send the cluster secret as 'Authorization: Bearer"
        + " <secret>' (clients read it from the file cluster.secret-file names; on YARN from the application's"
        + " credentials)\"]}");
    assertThat(handled).isEmpty();
    assertThat(send(PROXY_HOST, "GET", "/things", bearer(), "").status()).isEqualTo(200);
    assertThat(handled).hasSize(1);
  }

  @Test
  void behindTheProxyAGetFromElsewhereWithoutTheSecretIsRedirectedThroughTheProxy() throws Exception {
    start(RestAccess.withSecret(secret, false));
    server.restrictToProxy(new RestAccess.Proxy(Set.of(PROXY_HOST), PROXY_URL + "/"));
    Answer redirected = send(ELSEWHERE, "GET", "/things?get=a,b", null, "");
    assertThat(redirected.status()).isEqualTo(302);
    assertThat(redirected.headers()).containsEntry("Location", PROXY_URL + "/things?get=a,b");
    assertThat(redirected.body()).isEqualTo("{\"errors\":[\"This endpoint answers browsers only through the"
        + " ResourceManager's web proxy: " + PROXY_URL + "/things?get=a,b\"]}");
    assertThat(handled).isEmpty();

    assertThat(send(PROXY_HOST, "GET", "/things", null, "").status()).as("from the proxy").isEqualTo(200);
    assertThat(send(ELSEWHERE, "GET", "/things", bearer(), "").status()).as("with the secret").isEqualTo(200);
    assertThat(handled).hasSize(2);
  }

  @Test
  void behindTheProxyChangesNeedTheSecretFromTheProxyAndAreAnsweredDirectlyWithIt() throws Exception {
    start(RestAccess.withSecret(secret, false));
    server.restrictToProxy(new RestAccess.Proxy(Set.of(PROXY_HOST), PROXY_URL));
    assertThat(send(PROXY_HOST, "POST", "/things", null, "through the proxy").status()).isEqualTo(401);
    Answer elsewhere = send(ELSEWHERE, "POST", "/things", null, "from elsewhere");
    assertThat(elsewhere.status()).isEqualTo(401);
    assertThat(elsewhere.body()).isEqualTo("{\"errors\":[\"POST /things" + MISSING + "\"]}");
    assertThat(handled).isEmpty();
    assertThat(send(ELSEWHERE, "POST", "/things", bearer(), "the CLI").status()).isEqualTo(200);
    assertThat(handled).containsExactly("the CLI");
  }

  @Test
  void anOpenServerAnswersEveryone() throws Exception {
    start(RestAccess.open());
    assertThat(send(ELSEWHERE, "POST", "/things", null, "anyone").status()).isEqualTo(200);
    assertThat(handled).containsExactly("anyone");
  }
}
